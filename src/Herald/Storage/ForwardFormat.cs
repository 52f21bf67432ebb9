namespace Herald.Storage;

/// <summary>The format a partner wants forwarded cases in.</summary>
public enum ForwardFormat
{
    Csv,
    IntelMqJson,
    Xarf,
}

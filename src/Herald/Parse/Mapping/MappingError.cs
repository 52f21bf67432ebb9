namespace Herald.Parse.Mapping;

/// <summary>One problem in a column mapping file, where it is.</summary>
public sealed record MappingError(long Line, long Column, string Message)
{
    public override string ToString() => $"line {Line}, column {Column}: {Message}";
}

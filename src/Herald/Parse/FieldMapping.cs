namespace Herald.Parse;

/// <summary>One schema entry: which report column fills which IntelMQ field, through which conversion.</summary>
/// <param name="Target">The IntelMQ field; <c>extra.</c> alone means <c>extra.&lt;column&gt;</c>.</param>
public sealed record FieldMapping(string Target, string Column, Conversion Conversion)
{
    public string TargetFor => Target == "extra." ? "extra." + Column : Target;
}

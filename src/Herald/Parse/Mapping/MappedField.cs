namespace Herald.Parse.Mapping;

/// <summary>One line of a column mapping: which source column or JSON path fills which IntelMQ field, through which conversion.</summary>
/// <param name="Target">The IntelMQ field (or <c>extra.&lt;name&gt;</c>).</param>
/// <param name="Source">The CSV column name, or the JSON property path (dotted; a number indexes an array).</param>
/// <param name="Required">A row whose value is missing or invalid is rejected; otherwise the value is kept in extra.</param>
/// <param name="Line">The line in the YAML file, for error messages.</param>
public sealed record MappedField(string Target, string Source, Conversion Conversion, bool Required, int Line);

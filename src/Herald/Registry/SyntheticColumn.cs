namespace Herald.Registry;

/// <summary>One column of a synthetic report: its name, what goes in it, and the values to choose from for text and numbers.</summary>
/// <param name="Choices">Values picked by the row's variant, so that related columns (http_code and http_reason) agree.</param>
internal sealed record SyntheticColumn(string Name, SyntheticColumnKind Kind, string[] Choices, double Filled);

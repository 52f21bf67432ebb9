namespace Herald.Decide.Rules;

/// <summary>A field rules can test: its kind and how to read it from the facts (the reader that fits the kind is set).</summary>
internal sealed record RuleField(string Name, FieldKind Kind, string Description)
{
    public Func<DecisionFacts, string?>? Text { get; init; }
    public Func<DecisionFacts, long?>? Number { get; init; }
    public Func<DecisionFacts, bool>? Flag { get; init; }

    /// <summary>The value as text, for reasons and aggregation keys.</summary>
    public string? Render(DecisionFacts f) => Kind switch
    {
        FieldKind.Text => Text!(f),
        FieldKind.Number => Number!(f)?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        FieldKind.Flag => Flag!(f) ? "true" : "false",
        FieldKind.Address => f.Event.SourceIp?.ToString(),
        FieldKind.Cves => f.Event.ProductVulnerabilities.Count == 0 ? null : string.Join(", ", f.Event.ProductVulnerabilities),
        FieldKind.Age => f.Age is { } age ? Durations.Format(TimeSpan.FromHours(Math.Floor(age.TotalHours))) : null,
        FieldKind.Severity => f.Severity?.ToString().ToLowerInvariant(),
        FieldKind.Reliability => f.Report.SourceReliability.ToString(),
        _ => null,
    };
}

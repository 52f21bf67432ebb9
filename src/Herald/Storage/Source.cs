namespace Herald.Storage;

/// <summary>Who sends data, in which format, with which reliability (Admiralty A-F), and what its reports must meet.</summary>
public sealed class Source
{
    public long Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The format its reports come in: <c>shadowserver</c> (CSV), <c>intelmq</c> (JSON events), <c>xarf</c> or <c>mapped</c>.</summary>
    public string Format { get; set; } = "shadowserver";

    /// <summary>The column mapping's YAML (docs/mapping-format.md) for format <c>mapped</c>; null otherwise.</summary>
    public string? Mapping { get; set; }

    /// <summary>The report type when the format needs one and file names do not tell it (a Shadowserver report type).</summary>
    public string? ReportType { get; set; }

    /// <summary>Admiralty-style source reliability, A (reliable) to F (cannot be judged).</summary>
    public string Reliability { get; set; } = "B";

    /// <summary>IntelMQ field names every event of its reports must carry, comma-separated; empty for none.</summary>
    public string RequiredFields { get; set; } = "";

    /// <summary>The oldest an observation (<c>time.source</c>) may be when the report arrives; null for any age.</summary>
    public TimeSpan? MaxAge { get; set; }

    /// <summary>The least share (0 to 1) of a report's events that must fall inside the constituency; null for none.</summary>
    public double? MinConstituencyShare { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The required fields as a list.</summary>
    public string[] RequiredFieldNames() =>
        RequiredFields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

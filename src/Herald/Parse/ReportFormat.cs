namespace Herald.Parse;

/// <summary>The formats a report can arrive in.</summary>
public enum ReportFormat
{
    /// <summary>Told from the file name and the first bytes (<see cref="ReportFormats.Detect"/>).</summary>
    Auto,

    /// <summary>A Shadowserver CSV report.</summary>
    Shadowserver,

    /// <summary>IntelMQ JSON events, one per line.</summary>
    IntelMq,

    /// <summary>An X-ARF v4 JSON report.</summary>
    Xarf,

    /// <summary>A partner's own CSV or JSON, read through a column mapping.</summary>
    Mapped,
}

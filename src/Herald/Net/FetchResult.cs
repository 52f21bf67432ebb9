namespace Herald.Net;

/// <summary>The outcome of one fetch: the response of the last hop, or the failure, and every URL requested on the way.</summary>
public sealed record FetchResult
{
    /// <summary>Every URL requested, the first as asked, then each redirect target.</summary>
    public required IReadOnlyList<Uri> Chain { get; init; }

    public Uri RequestedUri => Chain[0];

    public Uri FinalUri => Chain[^1];

    /// <summary>The HTTP status of the last response; null when there was none.</summary>
    public int? StatusCode { get; init; }

    /// <summary>The Content-Type header as sent, or null when absent.</summary>
    public string? ContentType { get; init; }

    public byte[] Body { get; init; } = [];

    public FetchFailure? Failure { get; init; }

    /// <summary>A response arrived (of any status).</summary>
    public bool Responded => Failure is null && StatusCode is not null;
}

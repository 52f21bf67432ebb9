namespace Herald.Net;

/// <summary>A fetch that produced no response, with a reason a person can read (<c>refused: 10.0.0.1 is a private address</c>).</summary>
public sealed record FetchFailure(FetchFailureKind Kind, string Message)
{
    public override string ToString() => Message;
}

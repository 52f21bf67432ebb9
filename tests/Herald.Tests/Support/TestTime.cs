namespace Herald.Tests.Support;

/// <summary>A clock that stands still unless a test moves it.</summary>
internal sealed class TestTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

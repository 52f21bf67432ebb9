namespace Herald.Tests;

/// <summary>A theory that needs <c>../shared/data</c>, skipped with the reason when it is absent.</summary>
/// <remarks>xUnit does not enumerate the data of a skipped theory, so its member data may return no rows then.</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute()
    {
        if (!TestData.SharedDataExists) Skip = TestData.SkipReason;
    }
}

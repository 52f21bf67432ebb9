namespace Herald.Tests;

/// <summary>A fact that needs <c>../shared/data</c>, skipped with the reason when it is absent.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        if (!TestData.SharedDataExists) Skip = TestData.SkipReason;
    }
}

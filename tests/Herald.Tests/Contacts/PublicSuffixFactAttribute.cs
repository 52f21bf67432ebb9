using Herald.Tests.Support;

namespace Herald.Tests.Contacts;

/// <summary>
/// A fact that needs the real public suffix list (scripts/fetch-public-suffix-list.sh puts it in .cache/publicsuffix):
/// skipped with the reason when absent, unless HERALD_REQUIRE_PROGRAMS is set (scripts/test.sh fetches it), then it fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PublicSuffixFactAttribute : FactAttribute
{
    public static string ListPath { get; } =
        Path.Combine(TestData.RepositoryRoot, ".cache", "publicsuffix", "public_suffix_list.dat");

    public PublicSuffixFactAttribute()
    {
        if (!File.Exists(ListPath) && Environment.GetEnvironmentVariable("HERALD_REQUIRE_PROGRAMS") != "1")
            Skip = $"the public suffix list is not at {ListPath}: run scripts/fetch-public-suffix-list.sh";
    }
}

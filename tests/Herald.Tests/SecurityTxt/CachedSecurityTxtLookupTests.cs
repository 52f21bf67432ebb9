using Herald.SecurityTxt;
using Herald.Tests.Support;

namespace Herald.Tests.SecurityTxt;

public sealed class CachedSecurityTxtLookupTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The network seam: answers with a file that expires when the test says, and counts the lookups.</summary>
    private sealed class CountingLookup(Func<string, SecurityTxtResult> answer) : ISecurityTxtLookup
    {
        public int Calls { get; private set; }

        public Task<SecurityTxtResult> LookupAsync(string target, string? registryKey = null, CancellationToken cancellationToken = default)
        {
            Calls++;
            return Task.FromResult(answer(target));
        }
    }

    private static SecurityTxtResult Found(string target, DateTimeOffset? expires) => new()
    {
        Target = target,
        Location = SecurityTxtLocation.WellKnown,
        Fields = new SecurityTxtFields { Expires = expires },
    };

    [Fact]
    public async Task A_found_file_is_kept_until_its_Expires_when_that_comes_before_the_maximum_lifetime()
    {
        var time = new TestTime(Start);
        var inner = new CountingLookup(t => Found(t, Start.AddHours(2)));
        var cache = new CachedSecurityTxtLookup(inner, time, new SecurityTxtOptions { MaxLifetime = TimeSpan.FromDays(1) });

        await cache.LookupAsync("Example.COM");
        await cache.LookupAsync("example.com");
        time.Now = Start.AddHours(1);
        await cache.LookupAsync("https://example.com/");
        Assert.Equal(1, inner.Calls);

        time.Now = Start.AddHours(2);
        await cache.LookupAsync("example.com");
        Assert.Equal(2, inner.Calls);
    }

    [Fact]
    public async Task The_maximum_lifetime_bounds_a_far_Expires_and_not_found_is_kept_shorter()
    {
        var time = new TestTime(Start);
        var inner = new CountingLookup(t => t == "missing.example" ? new SecurityTxtResult { Target = t } : Found(t, Start.AddDays(300)));
        var cache = new CachedSecurityTxtLookup(inner, time, new SecurityTxtOptions { MaxLifetime = TimeSpan.FromDays(1), NotFoundLifetime = TimeSpan.FromHours(1) });

        await cache.LookupAsync("example.com");
        await cache.LookupAsync("missing.example");
        time.Now = Start.AddHours(1).AddMinutes(1);
        await cache.LookupAsync("example.com");
        await cache.LookupAsync("missing.example");
        Assert.Equal(3, inner.Calls);

        time.Now = Start.AddDays(1).AddMinutes(1);
        await cache.LookupAsync("example.com");
        Assert.Equal(4, inner.Calls);
    }

    [Fact]
    public async Task The_cache_holds_at_most_its_maximum_number_of_entries()
    {
        var time = new TestTime(Start);
        var inner = new CountingLookup(t => Found(t, null));
        var cache = new CachedSecurityTxtLookup(inner, time, new SecurityTxtOptions { MaxEntries = 3 });

        foreach (var domain in new[] { "a.example", "b.example", "c.example", "d.example", "e.example" }) await cache.LookupAsync(domain);

        Assert.Equal(3, cache.Count);
    }
}

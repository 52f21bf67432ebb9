using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Herald.Web.Pages.Verify;

/// <summary>The public verification page answers a few lookups per address per minute, so codes cannot be guessed there.</summary>
public static class VerifyRateLimit
{
    public const string Policy = "verify";

    public static void Add(RateLimiterOptions options)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        // Showing the form costs nothing; each lookup counts against the asking address.
        options.AddPolicy(Policy, context => HttpMethods.IsPost(context.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter("form"));
    }
}

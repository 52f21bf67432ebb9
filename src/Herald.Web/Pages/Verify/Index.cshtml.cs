using Herald.Notify;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Herald.Web.Pages.Verify;

/// <summary>Public: is the warning I received genuine? Reference and code in, genuine or not out, with date and domain only.</summary>
[EnableRateLimiting(VerifyRateLimit.Policy)]
public sealed class IndexModel(HeraldRuntime runtime) : PageModel
{
    [BindProperty]
    public string? Reference { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public VerificationResult? Answer { get; private set; }

    public void OnGet()
    {
    }

    public async Task OnPostAsync(CancellationToken cancellationToken)
    {
        await using var db = runtime.Database.Open();
        Answer = await WarningVerifier.VerifyAsync(db, Reference, Code, cancellationToken);
    }
}

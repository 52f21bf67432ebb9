using Herald.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herald.Web.Pages.Warnings;

/// <summary>The list of warnings, newest first.</summary>
public sealed class IndexModel(HeraldRuntime runtime) : PageModel
{
    public IReadOnlyList<Notification> Warnings { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await using var db = runtime.Database.Open();
        Warnings = await db.Notifications.AsNoTracking().OrderByDescending(n => n.Id).Take(500).ToListAsync(cancellationToken);
    }
}

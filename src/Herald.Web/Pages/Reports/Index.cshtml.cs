using Herald.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herald.Web.Pages.Reports;

/// <summary>Reports received, newest first, with what became of them.</summary>
public sealed class IndexModel(HeraldRuntime runtime) : PageModel
{
    public IReadOnlyList<Report> Reports { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await using var db = runtime.Database.Open();
        Reports = await db.Reports.AsNoTracking().OrderByDescending(r => r.Id).Take(500).ToListAsync(cancellationToken);
    }
}

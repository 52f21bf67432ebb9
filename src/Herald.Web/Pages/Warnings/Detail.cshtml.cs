using Herald.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herald.Web.Pages.Warnings;

/// <summary>One warning: recipient, route, the reasons behind it and its full text.</summary>
public sealed class DetailModel(HeraldRuntime runtime) : PageModel
{
    public Notification Warning { get; private set; } = null!;
    public IReadOnlyList<string> Reasons { get; private set; } = [];
    public IReadOnlyList<DeliveryAttempt> Attempts { get; private set; } = [];

    /// <summary>Bounces and replies that came back for this warning, newest first.</summary>
    public IReadOnlyList<Herald.Cases.InboundMail> Inbound { get; private set; } = [];

    /// <summary>The fallback chain behind the recipient: chosen contact, alternatives and bounced ones, with origin.</summary>
    public IReadOnlyList<string> Contacts { get; private set; } = [];

    /// <summary>For a partner forward: the format, channel and endpoint its cases travel in; null for a warning.</summary>
    public Herald.Forward.PartnerForward? Forward { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        await using var db = runtime.Database.Open();
        var warning = await db.Notifications.AsNoTracking().FirstOrDefaultAsync(n => n.Reference == reference, cancellationToken);
        if (warning is null) return NotFound();
        Warning = warning;
        Reasons = (await db.Directives.AsNoTracking().Where(d => d.NotificationId == warning.Id).Select(d => d.Reasons)
                .Distinct().Take(20).ToListAsync(cancellationToken))
            .SelectMany(r => r.Split('\n')).Distinct().ToList();
        Contacts = (await db.Directives.AsNoTracking().Where(d => d.NotificationId == warning.Id && d.Contacts != null).Select(d => d.Contacts!)
                .Distinct().Take(20).ToListAsync(cancellationToken))
            .SelectMany(c => c.Split('\n')).Distinct().ToList();
        Forward = await db.PartnerForwards.AsNoTracking().FirstOrDefaultAsync(f => f.NotificationId == warning.Id, cancellationToken);
        Attempts = await db.DeliveryAttempts.AsNoTracking().Where(a => a.NotificationId == warning.Id).OrderBy(a => a.Id).Take(100).ToListAsync(cancellationToken);
        Inbound = await db.InboundMail.AsNoTracking().Where(m => m.NotificationId == warning.Id).OrderByDescending(m => m.Id).Take(100).ToListAsync(cancellationToken);
        return Page();
    }
}

using Herald.Decide;
using Herald.Notify;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Contacts;

/// <summary>
/// Turns directives whose recipient is a phone number into call tasks (one per number and issue type, with a short
/// script in Dutch and English), and records the outcome of a call with an audit entry.
/// </summary>
public sealed class CallTasks(ServiceOptions service, WarningComposer texts, TimeProvider time)
{
    private static readonly Route[] Callable = [Route.Direct, Route.NetworkOwner];

    /// <summary>Creates the tasks for directives that have none; returns how many were created.</summary>
    public async Task<int> CreatePendingAsync(HeraldDb db, CancellationToken cancellationToken)
    {
        var groups = await db.Directives.AsNoTracking()
            .Where(d => d.CallTaskId == null && d.NotificationId == null && d.RecipientEmail == null && d.RecipientPhone != null && Callable.Contains(d.Route))
            .GroupBy(d => new { d.RecipientPhone, d.Template })
            .Select(g => new { g.Key.RecipientPhone, g.Key.Template, Count = g.Count(), Name = g.Max(d => d.RecipientName), Organisation = g.Max(d => d.OrganisationId) })
            .ToListAsync(cancellationToken);
        foreach (var g in groups)
        {
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            var nl = texts.Summary(g.Template, null, "nl");
            var en = texts.Summary(g.Template, null, "en");
            var task = new CallTask
            {
                Phone = g.RecipientPhone!,
                RecipientName = g.Name,
                OrganisationId = g.Organisation,
                Template = g.Template,
                AssetCount = g.Count,
                ScriptNl = Script("nl", g.Name, nl.Title, nl.Todo, g.Count),
                ScriptEn = Script("en", g.Name, en.Title, en.Todo, g.Count),
                CreatedAt = time.GetUtcNow(),
            };
            db.Add(task);
            await db.SaveChangesAsync(cancellationToken);
            await db.Directives.Where(d => d.CallTaskId == null && d.NotificationId == null && d.RecipientEmail == null
                                           && d.RecipientPhone == g.RecipientPhone && d.Template == g.Template)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.CallTaskId, task.Id), cancellationToken);
            db.Audit.Add(new AuditEntry { At = task.CreatedAt, Actor = "pipeline", Action = "call.created", Subject = $"call {task.Id}", Detail = $"{task.Phone}, {g.Template}, {g.Count} asset(s)" });
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        return groups.Count;
    }

    /// <summary>Records how a call went; false when there is no such task.</summary>
    public async Task<bool> RecordAsync(HeraldDb db, long id, CallOutcome outcome, string? note, string actor, CancellationToken cancellationToken)
    {
        var task = await db.Set<CallTask>().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (task is null) return false;
        task.Outcome = outcome;
        task.Note = note;
        task.RecordedAt = time.GetUtcNow();
        task.RecordedBy = actor;
        task.Attempts++;
        db.Audit.Add(new AuditEntry { At = task.RecordedAt.Value, Actor = actor, Action = "call.recorded", Subject = $"call {id}", Detail = $"{outcome}: {note}" });
        if (outcome == CallOutcome.WrongNumber)
            await new ContactBook(db).MarkHardBounceAsync(task.Phone, $"wrong number (call {id})", task.RecordedAt.Value, actor, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private string Script(string language, string? name, string title, string todo, int assets) => language == "nl"
        ? $"""
           Goedendag, u spreekt met {service.Name}, de waarschuwingsdienst. Spreek ik met {name ?? "de verantwoordelijke voor IT"}?
           Wij bellen omdat wij een beveiligingsprobleem zagen bij uw organisatie: {title} ({assets} {(assets == 1 ? "systeem" : "systemen")}).
           Wat u kunt doen:
           {todo}
           Twijfelt u of dit gesprek echt is? Hang op en bel ons terug op ons gepubliceerde nummer {service.PhoneNumber}. Wij vragen nooit om wachtwoorden en sturen nooit een inloglink.
           Mogen wij de details per e-mail sturen? Noteer dan het e-mailadres.
           """
        : $"""
           Good morning, this is {service.Name}, the warning service. Am I speaking with {name ?? "the person responsible for IT"}?
           We are calling because we saw a security problem at your organisation: {title} ({assets} {(assets == 1 ? "system" : "systems")}).
           What you can do:
           {todo}
           Not sure this call is genuine? Hang up and call us back on our published number {service.PhoneNumber}. We never ask for passwords and never send a login link.
           May we send the details by e-mail? Then note the e-mail address.
           """;
}

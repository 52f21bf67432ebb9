using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Collect;

/// <summary>
/// Shadowserver's reports API on a schedule: lists the reports of the last <see cref="ShadowserverApiSettings.Days"/>
/// days, downloads those it has not stored before (remembered by report id; the intake also recognises the
/// content by its hash) and hands each to the intake.
/// </summary>
internal sealed class ShadowserverApiCollector(
    CollectorDefinition definition,
    ShadowserverApiSettings settings,
    ReportIntake intake,
    HeraldDatabase database,
    HttpClient http,
    TimeProvider time) : ICollector
{
    public CollectorDefinition Definition => definition;

    public async Task<CollectorRun> RunAsync(CancellationToken cancellationToken)
    {
        var api = new ShadowserverApiClient(http, settings.Url, settings.ApiKey.Resolve(), settings.Secret.Resolve());
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var listed = await api.ListAsync(settings.Reports, today.AddDays(-settings.Days), today.AddDays(1), cancellationToken);
        var wanted = listed.Where(e => settings.Types.Count == 0 || settings.Types.Any(t => e.Type == t || e.File.Contains(t, StringComparison.Ordinal)));

        HashSet<string> known;
        await using (var db = database.Open())
            known = [.. await db.CollectedItems.Where(i => i.Collector == definition.Name).Select(i => i.ExternalId).ToListAsync(cancellationToken)];

        var deliveries = new List<IntakeResult>();
        foreach (var entry in wanted.Where(e => !known.Contains(e.Id)))
        {
            IntakeResult result;
            using (var response = await api.DownloadAsync(entry.Id, cancellationToken))
            {
                var content = new CountingStream(await response.Content.ReadAsStreamAsync(cancellationToken), intake.Limits.MaxDownloadBytes, entry.File);
                result = await intake.TakeAsync(content, entry.File, definition.Source, definition.Name, cancellationToken);
            }
            deliveries.Add(result);
            // Remembered once its content is kept, even if processing failed: the stored report is re-processed, not re-fetched.
            if (result.Items.Count > 0 && result.Items.All(i => i.ReportId is not null)) await RememberAsync(entry, cancellationToken);
        }
        return new CollectorRun(deliveries);
    }

    private async Task RememberAsync(ShadowserverApiClient.Entry entry, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        db.CollectedItems.Add(new CollectedItem { Collector = definition.Name, ExternalId = entry.Id, FileName = entry.File, CollectedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
    }
}

using Herald.Storage;

namespace Herald.Collect;

/// <summary>
/// Runs a collector once and records the outcome (its <see cref="CollectorState"/>, an audit entry when it failed),
/// with every secret of its configuration removed from the reason. A failure is returned, never thrown, so one
/// failing collector cannot stop the others.
/// </summary>
public sealed class CollectorRunner(HeraldDatabase database, TimeProvider time)
{
    public async Task<CollectorOutcome> RunAsync(ICollector collector, CancellationToken cancellationToken)
    {
        var definition = collector.Definition;
        CollectorRun? run = null;
        string? error;
        try
        {
            run = await collector.RunAsync(cancellationToken);
            error = run.Failed > 0 ? run.Errors : null;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            error = $"{ex.GetType().Name}: {ex.Message}";
        }
        error = Redact(error, definition.Settings);

        var now = time.GetUtcNow();
        await using var db = database.Open();
        var state = await db.CollectorStates.FindAsync([definition.Name], cancellationToken);
        if (state is null) db.CollectorStates.Add(state = new CollectorState { Name = definition.Name });
        state.LastRunAt = now;
        state.LastError = error;
        if (error is null) state.LastSuccessAt = now;
        if (run is null)
            db.Audit.Add(new AuditEntry { At = now, Actor = definition.Name, Action = "collect.failed", Subject = definition.Name, Detail = error });
        await db.SaveChangesAsync(cancellationToken);
        return new CollectorOutcome(definition.Name, run, error);
    }

    /// <summary>Removes every secret the settings refer to from <paramref name="text"/>.</summary>
    internal static string? Redact(string? text, CollectorSettings settings)
    {
        if (text is null) return null;
        SecretReference[] secrets = settings switch
        {
            ImapSettings imap => [imap.Password],
            ShadowserverApiSettings api => [api.ApiKey, api.Secret],
            _ => [],
        };
        foreach (var secret in secrets)
        {
            string value;
            try
            {
                value = secret.Resolve();
            }
            catch (InvalidOperationException)
            {
                continue;
            }
            text = text.Replace(value, "[secret]", StringComparison.Ordinal);
        }
        return text;
    }
}

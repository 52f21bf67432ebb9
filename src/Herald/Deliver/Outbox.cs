using Herald.Notify;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Deliver;

/// <summary>
/// Sends what the outbox holds: pending notifications that are due. Each one is claimed with a lease (an atomic
/// update that only succeeds while it is pending and unclaimed), handed to the channel, and the attempt, the new
/// status and the audit entry are recorded together. Temporary failures wait with exponential back-off and jitter;
/// permanent ones (and temporary ones past the last try) end as failed, with the reason.
/// </summary>
/// <remarks>
/// A sender that dies after the relay accepted a message but before recording it leaves a lease that expires;
/// the message is then sent again with the same Message-ID, so the receiving side can recognise the repeat.
/// The pickup folder recognises it itself and writes nothing.
/// </remarks>
public sealed class Outbox
{
    private readonly HeraldDatabase _database;
    private readonly IMailChannel _channel;
    private readonly WarningMessageFactory _messages;
    private readonly DeliveryOptions _options;
    private readonly TimeProvider _time;
    private readonly DomainThrottle _throttle;
    private readonly Forward.ForwardSender? _forwards;

    private readonly string? _refusal;

    /// <param name="forwards">Sends partner forwards (e-mail with the cases attached, or an HTTPS POST); without it there are none.</param>
    /// <param name="refusal">Why nothing may be sent (unsigned mail over a relay that the settings do not allow); null to send.</param>
    public Outbox(HeraldDatabase database, IMailChannel channel, WarningMessageFactory messages, DeliveryOptions options, TimeProvider time,
        Forward.ForwardSender? forwards = null, string? refusal = null)
    {
        options.Validate();
        _database = database;
        _channel = channel;
        _messages = messages;
        _options = options;
        _time = time;
        _throttle = new DomainThrottle(options.MaxConcurrencyPerDomain, options.MaxPerMinutePerDomain, time);
        _forwards = forwards;
        _refusal = refusal;
    }

    /// <summary>Who holds a lease: this process and this outbox.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    public IMailChannel Channel => _channel;

    /// <summary>Sends every notification that is due now, a batch at a time, until none is left.</summary>
    /// <exception cref="UserException">The settings do not allow sending (see the constructor's refusal); nothing is claimed.</exception>
    public async Task<DeliveryRun> DeliverDueAsync(CancellationToken cancellationToken)
    {
        if (_refusal is not null) throw new UserException(_refusal);
        var total = new DeliveryRun(0, 0, 0);
        var seen = new HashSet<long>();
        while (true)
        {
            var run = await DeliverBatchAsync(seen, cancellationToken);
            if (run.Tried == 0) return total;
            total = new DeliveryRun(total.Delivered + run.Delivered, total.Retrying + run.Retrying, total.Failed + run.Failed);
        }
    }

    /// <summary>One batch of due notifications, at most once each per run (a retry waits for the next run).</summary>
    private async Task<DeliveryRun> DeliverBatchAsync(HashSet<long> seen, CancellationToken cancellationToken)
    {
        List<Due> due;
        await using (var db = _database.Open())
        {
            var now = _time.GetUtcNow();
            due = (await db.Notifications.AsNoTracking()
                    .Where(n => n.Status == DeliveryStatus.Pending
                                && (n.NextAttemptAt == null || n.NextAttemptAt <= now)
                                && (n.LeaseExpiresAt == null || n.LeaseExpiresAt <= now))
                    .OrderBy(n => n.Id).Select(n => new Due(n.Id, n.RecipientEmail))
                    .Take(_options.BatchSize + seen.Count).ToListAsync(cancellationToken))
                .Where(d => seen.Add(d.Id)).Take(_options.BatchSize).ToList();
        }
        if (due.Count == 0) return new DeliveryRun(0, 0, 0);
        var outcomes = new SendOutcome?[due.Count];
        using var slots = new SemaphoreSlim(_options.MaxConcurrency);
        await Task.WhenAll(due.Select(async (d, i) =>
        {
            using var turn = await _throttle.WaitTurnAsync(MessageIds.Domain(d.Recipient), cancellationToken);
            await slots.WaitAsync(cancellationToken);
            try
            {
                outcomes[i] = await DeliverOneAsync(d.Id, cancellationToken);
            }
            finally
            {
                slots.Release();
            }
        }));
        return new DeliveryRun(
            outcomes.Count(o => o == SendOutcome.Delivered),
            outcomes.Count(o => o == SendOutcome.Temporary),
            outcomes.Count(o => o == SendOutcome.Permanent));
    }

    /// <summary>Claims, sends and records one notification; null when another sender had it.</summary>
    private async Task<SendOutcome?> DeliverOneAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = _database.Open();
        var now = _time.GetUtcNow();
        var until = now + _options.Lease;
        var owner = Owner;
        var claimed = await db.Notifications
            .Where(n => n.Id == id && n.Status == DeliveryStatus.Pending && (n.LeaseExpiresAt == null || n.LeaseExpiresAt <= now))
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.LeaseOwner, owner).SetProperty(n => n.LeaseExpiresAt, until), cancellationToken);
        if (claimed == 0) return null;

        var notification = await db.Notifications.FirstAsync(n => n.Id == id, cancellationToken);
        var (result, channel) = _forwards is not null && await Forward.ForwardSender.FindAsync(db, id, cancellationToken) is { } forward
            ? await _forwards.SendAsync(db, notification, forward, _channel, cancellationToken)
            : (await SendWarningAsync(db, notification, cancellationToken), _channel.Name);
        var outcome = Record(db, notification, result, channel);
        // Recorded even when the run is being cancelled: the message has been handed over.
        await db.SaveChangesAsync(CancellationToken.None);
        return outcome;
    }

    /// <summary>A warning the content rules refuse at send time is never sent: it fails with the reason.</summary>
    private async Task<SendResult> SendWarningAsync(HeraldDb db, Notification notification, CancellationToken cancellationToken)
    {
        // Written from the warning's events now, to a file: the CSV of a large warning never exists whole in memory.
        await using var assetsCsv = notification.AssetsAttached ? await WarningAttachment.WriteAsync(db, notification, cancellationToken) : null;
        var built = _messages.Create(notification, assetsCsv);
        return built.Message is { } message
            ? await _channel.SendAsync(message, cancellationToken)
            : new SendResult(SendOutcome.Permanent, built.Refusal!);
    }

    private SendOutcome Record(HeraldDb db, Notification n, SendResult result, string channel)
    {
        var now = _time.GetUtcNow();
        n.Attempts++;
        n.LeaseOwner = null;
        n.LeaseExpiresAt = null;
        var outcome = result.Outcome;
        string action;
        switch (outcome)
        {
            case SendOutcome.Delivered:
                n.Status = DeliveryStatus.Delivered;
                n.DeliveredAt = now;
                n.NextAttemptAt = null;
                action = "notification.delivered";
                break;
            case SendOutcome.Temporary when _options.RetryDelay(n.Attempts) is { } delay:
                n.NextAttemptAt = now + delay;
                action = "notification.retry";
                break;
            case SendOutcome.Temporary:
                outcome = SendOutcome.Permanent;
                n.Status = DeliveryStatus.Failed;
                n.FailureReason = $"gave up after {n.Attempts} attempts; last: {result.Detail}";
                action = "notification.failed";
                break;
            case SendOutcome.Permanent:
                n.Status = DeliveryStatus.Failed;
                n.FailureReason = result.Detail;
                action = "notification.failed";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(result));
        }
        db.DeliveryAttempts.Add(new DeliveryAttempt
        {
            NotificationId = n.Id,
            At = now,
            Channel = channel,
            Succeeded = result.Outcome == SendOutcome.Delivered,
            Recipient = n.RecipientEmail,
            ReplyCode = result.ReplyCode,
            Detail = result.Detail,
        });
        var detail = outcome == SendOutcome.Temporary ? $"{result.Detail}; next try at {n.NextAttemptAt:u}" : n.FailureReason ?? result.Detail;
        db.Audit.Add(new AuditEntry { At = now, Actor = "outbox", Action = action, Subject = n.Reference, Detail = $"to {n.RecipientEmail}: {detail}" });
        return outcome;
    }

    private readonly record struct Due(long Id, string Recipient);
}

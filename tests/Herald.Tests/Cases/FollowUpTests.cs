using Herald.Cases;
using Herald.Decide;
using Herald.Deliver;
using Herald.Notify;
using Herald.Storage;
using Herald.Tests.Deliver;
using Herald.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Cases;

/// <summary>Cases over a month of daily reports: seen again, reminded, escalated, resolved.</summary>
public sealed class FollowUpTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
    private const string Recipient = "security@bakkerij-jansen.example";

    private static readonly FollowUpOptions Options = new()
    {
        ReminderAfter = TimeSpan.FromDays(14),
        EscalateAfter = TimeSpan.FromDays(7),
        ResolveAfterCleanReports = 3,
    };

    private static int _hash;

    /// <summary>A stored report of one type whose events show the given addresses, each warned in one notification.</summary>
    private static async Task<long> ReportAsync(HeraldDatabase database, DateTimeOffset at, long organisationId, params string[] addresses)
    {
        await using var db = database.Open();
        var report = new Report
        {
            SourceName = "shadowserver",
            FileName = $"{at:yyyy-MM-dd}-scan_rdp-nl-geo.csv",
            ReportType = "scan_rdp",
            ContentHash = (++_hash).ToString(),
            ReceivedAt = at,
            Status = ReportStatus.Parsed,
        };
        db.Reports.Add(report);
        await db.SaveChangesAsync();
        if (addresses.Length == 0) return report.Id;
        var warning = await Warnings.AddAsync(database, Recipient, at, organisationId);
        var line = 1;
        foreach (var address in addresses)
        {
            var e = new StoredEvent
            {
                ReportId = report.Id,
                Line = ++line,
                SourceIp = address,
                SourceAsn = 64500,
                ClassificationIdentifier = "open-rdp",
                TimeSource = at,
                OrganisationId = organisationId,
                Json = "{}",
            };
            db.Events.Add(e);
            await db.SaveChangesAsync();
            db.Directives.Add(new StoredDirective
            {
                EventId = e.Id,
                ReportId = report.Id,
                Route = Route.Direct,
                RecipientEmail = Recipient,
                OrganisationId = organisationId,
                Template = "open-rdp",
                AggregationKey = "k",
                Reasons = "test",
                NotificationId = warning.Id,
                CreatedAt = at,
            });
        }
        await db.SaveChangesAsync();
        return report.Id;
    }

    [Fact]
    public async Task A_case_is_seen_again_reminded_escalated_to_the_network_owner_and_another_resolves_after_three_clean_reports()
    {
        await using var temp = await TempDatabase.CreateAsync();
        var time = new TestTime(Start);
        var tracker = new CaseTracker(Options, time);
        var followUps = new FollowUps(Options, Warnings.Service, new NotificationBuilder(Warnings.Service, Warnings.TextComposer, time), time);
        long organisationId;
        await using (var db = temp.Database.Open())
        {
            var organisation = new Organisation { KvkNumber = "12345678", Name = "Bakkerij Jansen" };
            db.Organisations.Add(organisation);
            db.NetworkOwners.Add(new NetworkOwner { Asn = 64500, Name = "Hosting BV", AbuseEmail = "abuse@hosting.example" });
            await db.SaveChangesAsync();
            organisationId = organisation.Id;
        }

        async Task<(int, int, int)> Observe(long report)
        {
            await using var db = temp.Database.Open();
            return await tracker.ObserveReportAsync(db, report, CancellationToken.None);
        }

        async Task<(int, int)> FollowUp()
        {
            await using var db = temp.Database.Open();
            return await followUps.CreateDueAsync(db, CancellationToken.None);
        }

        var first = await ReportAsync(temp.Database, Start, organisationId, "192.0.2.33", "192.0.2.34");
        Assert.Equal((2, 0, 0), await Observe(first));
        Assert.Equal((0, 0, 0), await Observe(first));

        time.Now = Start.AddDays(1);
        Assert.Equal((0, 1, 0), await Observe(await ReportAsync(temp.Database, time.Now, organisationId, "192.0.2.33")));
        Assert.Equal((0, 0), await FollowUp());

        time.Now = Start.AddDays(14);
        Assert.Equal((1, 0), await FollowUp());
        Assert.Equal((0, 0), await FollowUp());

        time.Now = Start.AddDays(15);
        Assert.Equal((0, 1, 0), await Observe(await ReportAsync(temp.Database, time.Now, organisationId, "192.0.2.33")));
        time.Now = Start.AddDays(16);
        Assert.Equal((0, 1, 1), await Observe(await ReportAsync(temp.Database, time.Now, organisationId, "192.0.2.33")));

        time.Now = Start.AddDays(21);
        Assert.Equal((0, 1), await FollowUp());
        Assert.Equal((0, 0), await FollowUp());

        await using var check = temp.Database.Open();
        var cases = await check.Cases.AsNoTracking().OrderBy(c => c.Asset).ToListAsync();
        Assert.Equal(2, cases.Count);
        var stillOpen = cases[0];
        var resolved = cases[1];
        Assert.Equal(("192.0.2.33", CaseStatus.Escalated, 4, 0), (stillOpen.Asset, stillOpen.Status, stillOpen.SeenCount, stillOpen.CleanReports));
        Assert.Equal(Start.AddDays(16), stillOpen.LastSeenAt);
        Assert.Equal(("192.0.2.34", CaseStatus.Resolved, 1, 3), (resolved.Asset, resolved.Status, resolved.SeenCount, resolved.CleanReports));
        Assert.Equal(Start.AddDays(16), resolved.ResolvedAt);

        var reminder = await check.Notifications.AsNoTracking().SingleAsync(n => n.Id == stillOpen.ReminderNotificationId);
        Assert.Equal(resolved.ReminderNotificationId, reminder.Id);
        Assert.Equal((Recipient, stillOpen.Reference), (reminder.RecipientEmail, reminder.FollowUpOf));
        Assert.NotEqual(stillOpen.Reference, reminder.Reference);
        Assert.Contains("Herinnering", reminder.Subject, StringComparison.Ordinal);
        Assert.Contains("Reminder", reminder.Subject, StringComparison.Ordinal);
        foreach (var text in new[] { "Eerder waarschuwde", "warned you before", "192.0.2.34", "Is dit bericht echt?", "Is this message genuine?", reminder.VerificationCode })
            Assert.Contains(text, reminder.BodyText, StringComparison.Ordinal);
        var mime = Warnings.Messages().Create(reminder).Message!;
        Assert.Equal(stillOpen.Reference.ToLowerInvariant() + "@herald.example", mime.InReplyTo);

        var escalation = await check.Notifications.AsNoTracking().SingleAsync(n => n.Id == stillOpen.EscalationNotificationId);
        Assert.Equal(("abuse@hosting.example", Route.NetworkOwner, DeliveryStatus.Pending), (escalation.RecipientEmail, escalation.Route, escalation.Status));
        Assert.Contains("192.0.2.33", escalation.BodyText, StringComparison.Ordinal);
        Assert.DoesNotContain("192.0.2.34", escalation.BodyText, StringComparison.Ordinal);
        Assert.Null(resolved.EscalationNotificationId);
    }
}

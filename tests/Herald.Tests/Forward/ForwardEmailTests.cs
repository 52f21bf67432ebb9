using System.Text;
using System.Text.Json;
using Herald.Deliver;
using Herald.Events;
using Herald.Notify;
using Herald.Forward;
using Herald.Parse;
using Herald.Parse.Xarf;
using Herald.Storage;
using Herald.Tests.Support;
using MimeKit;
using nietras.SeparatedValues;

namespace Herald.Tests.Forward;

/// <summary>Forwards by e-mail, received by a real SMTP server on loopback, the attachment read back in each format.</summary>
public sealed class ForwardEmailTests
{
    private static async Task<(MimeMessage Message, MimePart Attachment, Notification Forward)> ForwardOneAsync(ForwardFormat format,
        Event[] cases)
    {
        await using var fixture = await ForwardFixture.CreateAsync();
        await using var smtp = SmtpTestServer.Start();
        var partner = await fixture.AddPartnerAsync("z-cert", PartnerChannel.Email, format);
        var member = await fixture.AddOrganisationAsync("10000002", "Zorggroep Oost", "z-cert");
        await fixture.AddCasesAsync(partner, member, cases);

        Assert.Equal(1, await fixture.CreateForwardsAsync());
        var run = await fixture.Outbox(new SmtpChannel(smtp.Options)).DeliverDueAsync(CancellationToken.None);

        Assert.Equal(1, run.Delivered);
        var forward = Assert.Single(await fixture.NotificationsAsync());
        Assert.Equal(DeliveryStatus.Delivered, forward.Status);
        var message = Assert.Single(smtp.Received());
        Assert.Equal("meldingen@z-cert.example", message.To.Mailboxes.Single().Address);
        Assert.Equal(forward.Reference, message.Headers[WarningMessageFactory.ReferenceHeader]);
        Assert.Equal("Partner", message.Headers["X-Herald-Route"]);
        Assert.Equal($"{forward.Reference.ToLowerInvariant()}@herald.example", message.MessageId);
        foreach (var phrase in new[] { "meldingen door", "Verificatiecode: " + forward.VerificationCode, "forwards 3 cases", "Verification code: " + forward.VerificationCode, "We never ask you to log in" })
            Assert.Contains(phrase, message.TextBody, StringComparison.Ordinal);
        var attachment = Assert.IsAssignableFrom<MimePart>(Assert.Single(message.Attachments));
        return (message, attachment, forward);
    }

    private static byte[] Bytes(MimePart part)
    {
        using var content = new MemoryStream();
        part.Content!.DecodeTo(content);
        return content.ToArray();
    }

    [Fact]
    public async Task An_XARF_forward_arrives_by_email_with_one_schema_valid_report_per_case()
    {
        var (_, attachment, forward) = await ForwardOneAsync(ForwardFormat.Xarf, ForwardFixture.ThreeCases());

        Assert.Equal($"{forward.Reference}-xarf.json", attachment.FileName);
        Assert.Equal("application/json", attachment.ContentType.MimeType);
        var bytes = Bytes(attachment);
        using var json = JsonDocument.Parse(bytes);
        var reports = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(3, reports.Count);
        foreach (var report in reports) Assert.Empty(ForwardFixture.XarfSchemas.Validate(report));
        Assert.Equal(
            ["vulnerability/open_service", "vulnerability/cve", "connection/infected_host"],
            reports.Select(r => $"{r.GetProperty("category").GetString()}/{r.GetProperty("type").GetString()}"));
        Assert.Equal(["192.0.2.17", "192.0.2.18", "192.0.2.19"], reports.Select(r => r.GetProperty("source_identifier").GetString()));
        Assert.Equal("CVE-2021-41773", reports[1].GetProperty("cve_id").GetString());
        Assert.Equal(3, reports.Select(r => r.GetProperty("report_id").GetString()).Distinct().Count());
        Assert.All(reports, r => Assert.Equal("Zorggroep Oost", r.GetProperty("organisation_name").GetString()));

        // Herald's own X-ARF reader takes the document as one report of three cases.
        var parser = new XarfParser(ForwardFixture.XarfSchemas);
        var rows = parser.Parse(new MemoryStream(bytes), new ParseContext("forward.json", null, ForwardFixture.At), CancellationToken.None).ToList();
        Assert.All(rows, r => Assert.Null(r.Rejection));
        Assert.Equal(["192.0.2.17", "192.0.2.18", "192.0.2.19"], rows.Select(r => r.Event!.SourceIp!.ToString()));
    }

    [Fact]
    public async Task An_IntelMQ_forward_by_email_parses_back_to_the_same_events()
    {
        var cases = ForwardFixture.ThreeCases();
        var (_, attachment, forward) = await ForwardOneAsync(ForwardFormat.IntelMqJson, cases);

        Assert.Equal($"{forward.Reference}-intelmq.jsonl", attachment.FileName);
        Assert.Equal("application/x-ndjson", attachment.ContentType.MimeType);
        var lines = Encoding.UTF8.GetString(Bytes(attachment)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var parsed = IntelMqJson.Read(lines[i], out var error);
            Assert.True(parsed is not null, error);
            // The same line `herald parse --format intelmq` writes for the event, with Herald's reference and the member added.
            var expected = ForwardIntelMq.WithHeraldFields(forward.Reference, new ForwardedCase(0, cases[i], "Zorggroep Oost", "10000002"));
            Assert.Equal(IntelMqJson.Write(expected), IntelMqJson.Write(parsed));
            Assert.Equal(IntelMqJson.Write(expected), lines[i]);
            Assert.Equal(cases[i].Raw, parsed.Raw);
            Assert.Equal(forward.Reference, parsed.Extra[ForwardIntelMq.ReferenceKey]);
            Assert.Equal("10000002", parsed.Extra[ForwardIntelMq.KvkKey]);
        }
    }

    [Fact]
    public async Task A_CSV_forward_by_email_parses_back_with_every_column_and_formulas_defused()
    {
        var cases = ForwardFixture.ThreeCases();
        cases[0].FeedProvider = "=HYPERLINK(\"https://evil.example\",\"x\")";
        var (_, attachment, forward) = await ForwardOneAsync(ForwardFormat.Csv, cases);

        Assert.Equal($"{forward.Reference}-cases.csv", attachment.FileName);
        Assert.Equal("text/csv", attachment.ContentType.MimeType);
        var text = Encoding.UTF8.GetString(Bytes(attachment));
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = true, Unescape = true }).FromText(text);
        Assert.Equal(ForwardCsv.Columns, reader.Header.ColNames);
        var rows = new List<Dictionary<string, string>>();
        foreach (var row in reader)
        {
            var values = new Dictionary<string, string>();
            foreach (var column in ForwardCsv.Columns) values[column] = row[column].ToString();
            rows.Add(values);
        }

        Assert.Equal(3, rows.Count);
        Assert.Equal(["192.0.2.17", "192.0.2.18", "192.0.2.19"], rows.Select(r => r["source.ip"]));
        Assert.Equal(["3389", "443", "49152"], rows.Select(r => r["source.port"]));
        Assert.Equal(["open-rdp", "vulnerable-http", "andromeda"], rows.Select(r => r["classification.identifier"]));
        Assert.All(rows, r => Assert.Equal(forward.Reference, r["herald.reference"]));
        Assert.All(rows, r => Assert.Equal("Zorggroep Oost", r["organisation.name"]));
        Assert.All(rows, r => Assert.Equal("10000002", r["organisation.kvk"]));
        Assert.All(rows, r => Assert.Equal("64500", r["source.asn"]));
        Assert.Equal("2026-11-01T12:00:00+00:00", rows[0]["time.source"]);
        Assert.Equal("cve-2021-41773", rows[1]["product.vulnerabilities"]);
        // A cell a spreadsheet would run as a formula starts with an apostrophe; the rest of it is kept.
        Assert.Equal("'" + cases[0].FeedProvider, rows[0]["feed.provider"]);
        using var other = JsonDocument.Parse(rows[2]["other"]);
        Assert.Equal("andromeda", other.RootElement.GetProperty("malware.name").GetString());
        Assert.Equal("andromeda", other.RootElement.GetProperty("extra.tag").GetString());
    }
}

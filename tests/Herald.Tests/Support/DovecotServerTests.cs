using MimeKit;

namespace Herald.Tests.Support;

public sealed class DovecotServerTests
{
    [ProgramFact("dovecot")]
    public async Task A_message_appended_to_the_test_mailbox_can_be_read_back()
    {
        await using var server = await DovecotServer.StartAsync();
        var message = new MimeMessage { Subject = "Shadowserver report" };
        message.From.Add(MailboxAddress.Parse("autoreports@shadowserver.example"));
        message.To.Add(MailboxAddress.Parse("reports@herald.example"));
        message.Body = new TextPart("plain") { Text = "see attachment" };

        await server.AppendAsync(message);

        var summary = Assert.Single(await server.ListAsync());
        Assert.Equal("Shadowserver report", summary.Envelope?.Subject);
    }
}

using System.Net;
using Herald.Contacts;
using Herald.Enrich;
using Herald.Events;
using Herald.Storage;
using Herald.Tests.Support;

namespace Herald.Tests.Contacts;

/// <summary>The fallback chain's choice on its own: order, bounces, placeholders in the registry, a requested call.</summary>
public sealed class RecipientSelectorTests
{
    private static readonly Organisation Bakery = new()
    {
        Id = 7,
        KvkNumber = "12345678",
        Name = "Bakkerij Jansen B.V.",
        Contacts =
        [
            new() { Email = "not an address", Phone = "+31 20 123 4567" },
            new() { Email = "info@bakkerij-jansen.example" },
        ],
    };

    private static EnrichedEvent EventOf(Organisation? organisation) =>
        new(new Event { SourceIp = IPAddress.Parse("192.0.2.5"), SourceAsn = 64501 },
            organisation is null ? null : new OrganisationMatch(new OrganisationInfo(organisation.Id, organisation.KvkNumber, organisation.Name, null, false, null, null, null, "nl"), "test"),
            null, "NL");

    private static async Task<RecipientSelector> SelectorAsync(TempDatabase temp, params string[] bounced)
    {
        await using var db = temp.Database.Open();
        foreach (var address in bounced)
            await new ContactBook(db).MarkHardBounceAsync(address, "test bounce", DateTimeOffset.UnixEpoch, "test", CancellationToken.None);
        var owners = new Dictionary<long, NetworkOwner> { [64501] = new() { Asn = 64501, Name = "Owner", AbuseEmail = "abuse@owner.example" } };
        return new RecipientSelector(await ContactSnapshot.LoadAsync(db, [Bakery], owners, CancellationToken.None));
    }

    [Fact]
    public async Task Chooses_the_registry_e_mail_before_the_phone_and_the_network_owner_and_ignores_an_invalid_address()
    {
        await using var temp = await TempDatabase.CreateAsync();
        var choice = (await SelectorAsync(temp)).Choose(EventOf(Bakery));

        Assert.Equal("info@bakkerij-jansen.example", choice.Chosen!.Address);
        Assert.True(choice.IsOrganisations);
        Assert.Equal(["info@bakkerij-jansen.example", "+31201234567", "abuse@owner.example"], choice.Contacts.Select(c => c.Contact.Address));
        Assert.Equal([ContactStatus.Chosen, ContactStatus.Alternative, ContactStatus.Alternative], choice.Contacts.Select(c => c.Status));
    }

    [Fact]
    public async Task A_requested_call_picks_the_organisations_phone_even_when_it_has_an_e_mail_address()
    {
        await using var temp = await TempDatabase.CreateAsync();
        var choice = (await SelectorAsync(temp)).Choose(EventOf(Bakery), preferCall: true);

        Assert.Equal(("+31201234567", ContactKind.Phone), (choice.Chosen!.Address, choice.Chosen.Kind));
    }

    [Fact]
    public async Task Without_an_organisation_the_network_owner_is_chosen_and_with_every_contact_bounced_none_is()
    {
        await using var temp = await TempDatabase.CreateAsync();
        Assert.Equal(ContactSource.NetworkOwner, (await SelectorAsync(temp)).Choose(EventOf(null)).Chosen!.Source);

        await using var temp2 = await TempDatabase.CreateAsync();
        var none = (await SelectorAsync(temp2, "info@bakkerij-jansen.example", "+31 (20) 123-4567", "ABUSE@owner.example")).Choose(EventOf(Bakery));
        Assert.Null(none.Chosen);
        Assert.All(none.Contacts, c => Assert.Equal(ContactStatus.Bounced, c.Status));
    }
}

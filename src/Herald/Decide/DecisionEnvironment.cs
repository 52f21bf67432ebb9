using Herald.Decide.Rules;
using Herald.Decide.Suppress;
using Herald.Storage;

namespace Herald.Decide;

/// <summary>What deciding consults besides the rules: recipients, inhibitions, sightings, messages sent, the KEV catalogue.</summary>
public sealed record DecisionEnvironment(
    RecipientResolver Recipients,
    InhibitionSet Inhibitions,
    SightingIndex Sightings,
    RecipientHistory History,
    KevCatalogue Kev)
{
    /// <summary>Reads what the rule set needs from the database, as it is now.</summary>
    public static async Task<DecisionEnvironment> LoadAsync(HeraldDb db, RuleSet rules, DecisionOptions options, KevCatalogue kev,
        DateTimeOffset now, CancellationToken cancellationToken, Contacts.RecipientSelector? contacts = null)
    {
        var partners = new PartnerDirectory(await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Partners, cancellationToken));
        return new DecisionEnvironment(
            new RecipientResolver(options, partners, contacts),
            await InhibitionSet.LoadAsync(db, now, cancellationToken),
            await SightingIndex.LoadAsync(db, now - rules.SeenBeforeWindow, cancellationToken),
            await RecipientHistory.LoadAsync(db, rules.RecipientLimit, now, cancellationToken),
            kev);
    }

    /// <summary>No database: for dry runs of a rule file and for rule tests.</summary>
    public static DecisionEnvironment Detached(DecisionOptions options, IEnumerable<Partner> partners, KevCatalogue kev) =>
        new(new RecipientResolver(options, new PartnerDirectory(partners)), InhibitionSet.Empty, new SightingIndex([]), RecipientHistory.Empty, kev);
}

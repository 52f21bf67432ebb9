using Herald.Decide.Rules;
using Herald.Decide.Suppress;
using Herald.Enrich;

namespace Herald.Decide;

/// <summary>
/// Decides the events of one report with a rule set: the rules choose a route (or suppress); then the
/// recipient is found, inhibitions and the review flag may hold it back, and the per-recipient limit may
/// defer it. Every step adds its reason, and the directive records the rule-set version and the rules that fired.
/// </summary>
/// <remarks>Not thread-safe: one decider per report, used by the one thread that decides it.</remarks>
public sealed class RuleDecider : IDecider
{
    private readonly RuleSet _rules;
    private readonly DecisionEnvironment _environment;
    private readonly TimeProvider _time;
    private readonly DecisionFacts _facts;
    private readonly List<Rule> _fired = new(8);

    public RuleDecider(RuleSet rules, DecisionEnvironment environment, ReportContext report, TimeProvider time)
    {
        _rules = rules;
        _environment = environment;
        _time = time;
        _facts = new DecisionFacts(report, new DecisionLookups(environment.Kev, environment.Sightings, environment.Recipients.Partners));
    }

    public RuleSet Rules => _rules;

    /// <summary>The sightings this decider counted; their changes are stored with the directives of each batch.</summary>
    public SightingIndex Sightings => _environment.Sightings;

    /// <summary>The rules alone, without recipient, suppression state or directive: the deciding rule's id (benchmarks).</summary>
    internal string? EvaluateOnly(EnrichedEvent e)
    {
        _facts.Reset(e, _time.GetUtcNow());
        _fired.Clear();
        return _rules.Evaluate(_facts, _fired)?.Id;
    }

    public Directive Decide(EnrichedEvent e)
    {
        var now = _time.GetUtcNow();
        var f = _facts;
        f.Reset(e, now);
        _fired.Clear();
        var winner = _rules.Evaluate(f, _fired);
        var org = e.Organisation?.Organisation;
        string? suppression = null, heldBy = null, heldByAuthor = null, note = null;
        Route? proposed = null;
        DateTimeOffset? notBefore = null;

        Route route;
        if (winner is null)
        {
            route = Route.HoldForReview;
            note = "no rule decided this event: an analyst must";
            heldBy = "(no rule)";
        }
        else if (winner.Action.Kind == RuleActionKind.Suppress)
        {
            route = Route.Suppressed;
            suppression = winner.UsesSeenBefore ? "duplicate" : "rule";
        }
        else
        {
            route = winner.Action.Route!.Value;
            if (route == Route.HoldForReview) (heldBy, heldByAuthor) = (winner.Id, winner.Author);
        }

        var recipient = RouteNames.IsDeliverable(route) ? _environment.Recipients.Resolve(route, e, f.PartnerCode) : null;
        if (recipient is { Address: null })
        {
            note = recipient.Problem;
            (route, heldBy, heldByAuthor) = (Route.HoldForReview, "(no recipient)", null);
        }
        else if (recipient?.Reroute is { } reroute)
        {
            note = reroute == Route.NetworkOwner
                ? $"no usable contact at the organisation: the network owner{(recipient.Name is null ? "" : " " + recipient.Name)} is warned and expected to pass it on"
                : $"{recipient.Name ?? "the organisation"} has a contact of its own ({recipient.Address}): warned directly";
            route = reroute;
        }
        f.Route = route;
        f.Recipient = recipient?.Address;

        if (RouteNames.IsDeliverable(route) && _environment.Inhibitions.Match(f) is { } inhibition)
        {
            note = $"inhibition {inhibition.Id} by {inhibition.Owner} (until {inhibition.ExpiresAt:yyyy-MM-dd}): {inhibition.Reason}";
            if (inhibition.Hold) (proposed, route, heldBy, heldByAuthor) = (route, Route.HoldForReview, $"inhibition:{inhibition.Id}", inhibition.Owner);
            else (route, suppression) = (Route.Suppressed, "inhibition");
        }
        if (RouteNames.IsDeliverable(route) && f.ReviewBy is { } reviewer)
        {
            (proposed, route, heldBy, heldByAuthor) = (route, Route.HoldForReview, reviewer.Id, reviewer.Author);
            note = $"held for four-eyes review by rule '{reviewer.Id}' before it goes {RouteNames.Name(proposed.Value)}";
        }
        if (RouteNames.IsDeliverable(route) && _rules.RecipientLimit is { } limit && _environment.Recipients.Options.RecipientLimitRoutes.Contains(route)
            && recipient!.Email is { } limited && _environment.History.NextAllowed(limited, limit, now) is { } next)
        {
            (proposed, route, notBefore) = (route, Route.Deferred, next);
            note = $"{recipient.Email} had {limit.Messages} message(s) in the last {Durations.Format(limit.Per)}: aggregated into the next, not before {next:yyyy-MM-dd HH:mm} UTC";
        }

        if (route == Route.Suppressed) _environment.Sightings.Suppressed(f.Key, suppression!, now);
        else if (RouteNames.IsDeliverable(route) || proposed is not null) _environment.Sightings.Warned(f.Key, now);

        var reasons = new List<string>(_fired.Count + 2);
        if (e.Organisation is { } match) reasons.Add(match.Reason);
        var fired = new string[_fired.Count];
        for (var i = 0; i < _fired.Count; i++)
        {
            fired[i] = _fired[i].Id;
            reasons.Add(_fired[i].Reason.Render(f));
        }
        if (note is not null) reasons.Add(note);

        var template = f.Template ?? (e.Event.ClassificationIdentifier is { Length: > 0 } id ? id : "type-" + (e.Event.ClassificationType ?? "other"));
        var aggregation = f.AggregationKey?.Render(f)
            ?? (RouteNames.IsDeliverable(route) ? $"{route}|{recipient!.Address}" : route.ToString());
        return new Directive(route, recipient?.Email, recipient?.Name, org?.Id,
            recipient?.PartnerCode, template, aggregation, reasons)
        {
            RuleSetVersion = _rules.Version,
            FiredRules = fired,
            Severity = f.Severity,
            Priority = f.Priority,
            Interval = f.Interval,
            ProposedRoute = proposed,
            Suppression = suppression,
            HeldBy = heldBy,
            HeldByAuthor = heldByAuthor,
            NotBefore = notBefore,
            RecipientPhone = recipient?.Email is null ? recipient?.Phone : null,
            Contacts = recipient?.Chain,
        };
    }
}

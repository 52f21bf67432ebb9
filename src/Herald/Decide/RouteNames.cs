namespace Herald.Decide;

/// <summary>Routes as rule files and the CLI write them: <c>national-csirt</c>, <c>hold-for-review</c>, ...</summary>
public static class RouteNames
{
    public static string Name(Route route) => route switch
    {
        Route.Discard => "discard",
        Route.Direct => "direct",
        Route.NationalCsirt => "national-csirt",
        Route.Partner => "partner",
        Route.NetworkOwner => "network-owner",
        Route.HoldForReview => "hold-for-review",
        Route.Suppressed => "suppressed",
        Route.Deferred => "deferred",
        _ => throw new ArgumentOutOfRangeException(nameof(route), route, null),
    };

    /// <summary>A route a rule may choose (suppressed and deferred are outcomes, not choices).</summary>
    public static bool TryParseChoice(string text, out Route route)
    {
        foreach (var r in (Route[])[Route.Discard, Route.Direct, Route.NationalCsirt, Route.Partner, Route.NetworkOwner, Route.HoldForReview])
        {
            if (Name(r) != text) continue;
            route = r;
            return true;
        }
        route = default;
        return false;
    }

    /// <summary>True for routes that end in a warning.</summary>
    public static bool IsDeliverable(Route route) => route is Route.Direct or Route.NationalCsirt or Route.Partner or Route.NetworkOwner;
}

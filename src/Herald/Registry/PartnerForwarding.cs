using Herald.Storage;

namespace Herald.Registry;

/// <summary>
/// The optional partner columns (CSV) and fields (JSON) that say how cases are forwarded and whom the partner
/// covers beyond its members: <c>channel</c>, <c>url</c>, <c>format</c>, <c>sectors</c>, <c>asns</c>.
/// </summary>
internal static class PartnerForwarding
{
    public static readonly string[] Columns = ["channel", "url", "format", "sectors", "asns"];

    /// <summary>Reads the optional values (absent or empty: e-mail, CSV, no extra constituency) into the partner.</summary>
    public static void Read(Partner partner, Func<string, string> get, List<string> errors)
    {
        switch (get("channel").Trim().ToLowerInvariant())
        {
            case "" or "email": partner.Channel = PartnerChannel.Email; break;
            case "https": partner.Channel = PartnerChannel.HttpsPost; break;
            case var other: errors.Add($"channel '{other}' is not email or https"); break;
        }
        var url = get("url").Trim();
        if (url.Length > 0)
        {
            if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps) partner.Endpoint = uri.AbsoluteUri;
            else errors.Add($"url '{url}' is not an absolute https URL");
        }
        if (partner.Channel == PartnerChannel.HttpsPost && partner.Endpoint is null) errors.Add("channel https needs a url");
        switch (get("format").Trim().ToLowerInvariant())
        {
            case "" or "csv": partner.Format = ForwardFormat.Csv; break;
            case "intelmq": partner.Format = ForwardFormat.IntelMqJson; break;
            case "x-arf" or "xarf": partner.Format = ForwardFormat.Xarf; break;
            case var other: errors.Add($"format '{other}' is not csv, intelmq or x-arf"); break;
        }
        var sectors = get("sectors").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        partner.Sectors = sectors.Length == 0 ? null : string.Join(';', sectors);
        var asns = new List<string>();
        foreach (var asn in get("asns").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (RegistryFields.Asn(asn, out var number) is { } error) errors.Add(error);
            else asns.Add(number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        partner.Asns = asns.Count == 0 ? null : string.Join(';', asns);
    }

    public static string ChannelName(PartnerChannel channel) => channel == PartnerChannel.HttpsPost ? "https" : "email";

    public static string FormatName(ForwardFormat format) => format switch
    {
        ForwardFormat.IntelMqJson => "intelmq",
        ForwardFormat.Xarf => "x-arf",
        _ => "csv",
    };

    /// <summary>The values in column order, as the writer puts them.</summary>
    public static string[] Values(Partner p) => [ChannelName(p.Channel), p.Endpoint ?? "", FormatName(p.Format), p.Sectors ?? "", p.Asns ?? ""];

    /// <summary>Copies the forwarding values; true when any changed.</summary>
    public static bool CopyTo(Partner from, Partner to)
    {
        var changed = to.Channel != from.Channel || to.Endpoint != from.Endpoint || to.Format != from.Format || to.Sectors != from.Sectors || to.Asns != from.Asns;
        (to.Channel, to.Endpoint, to.Format, to.Sectors, to.Asns) = (from.Channel, from.Endpoint, from.Format, from.Sectors, from.Asns);
        return changed;
    }
}

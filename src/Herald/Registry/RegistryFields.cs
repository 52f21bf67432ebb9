using System.Globalization;
using System.Net;
using System.Net.Mail;
using Herald.Storage;

namespace Herald.Registry;

/// <summary>
/// Validation and normal form of every registry field, shared by the CSV and JSON readers so that both
/// formats accept exactly the same values. Each method returns an error text, or null with the value in normal form.
/// </summary>
internal static class RegistryFields
{
    /// <summary>The separator of lists inside one CSV field (networks, domains, asns, languages).</summary>
    public const char ListSeparator = ';';

    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    public static string? Kvk(string value, out string kvk)
    {
        kvk = value.Trim();
        if (kvk.Length == 0) return "kvk is empty";
        if (kvk.Length != 8 || !kvk.All(char.IsAsciiDigit))
            return $"kvk '{kvk}' is not a KvK number: eight digits, without spaces (a leading 0 counts)";
        return null;
    }

    public static string? Name(string value, out string name)
    {
        name = value.Trim();
        if (name.Length == 0) return "name is empty";
        return name.Length > 300 ? $"name is {name.Length} characters long; at most 300" : null;
    }

    public static string? Bool(string field, string value, out bool? result)
    {
        switch (value.Trim().ToLowerInvariant())
        {
            case "":
                result = null;
                return null;
            case "true":
                result = true;
                return null;
            case "false":
                result = false;
                return null;
            default:
                result = null;
                return $"{field} '{value.Trim()}' is neither true nor false";
        }
    }

    /// <summary>A partner code: lower-case letters, digits and hyphens, as in <c>z-cert</c>.</summary>
    public static string? PartnerCode(string field, string value, out string code)
    {
        code = value.Trim().ToLowerInvariant();
        if (code.Length is 0 or > 40 || code[0] == '-' || code[^1] == '-' || !code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            return $"{field} '{value.Trim()}' is not a partner code: letters, digits and hyphens, at most 40";
        return null;
    }

    public static string? PartnerKind(string value, out PartnerKind kind)
    {
        var plain = value.Trim().Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        if (plain.Length > 0 && !plain.All(char.IsAsciiDigit) && Enum.TryParse(plain, ignoreCase: true, out kind)) return null;
        kind = default;
        return $"kind '{value.Trim()}' is not one of national-csirt, cert, liaison";
    }

    /// <summary>A network in CIDR form; host bits must be zero, since 192.0.2.1/24 is more likely a typo than a network.</summary>
    public static string? Network(string value, out string network)
    {
        network = value.Trim();
        var slash = network.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPNetwork.TryParse(network, out var parsed) || !IPAddress.TryParse(network.AsSpan(0, slash), out var address))
            return $"network '{network}' is not a network in CIDR form (such as 192.0.2.0/24 or 2001:db8::/48)";
        if (!address.Equals(parsed.BaseAddress))
            return $"network '{network}' has bits set after the prefix; did you mean {parsed}?";
        network = parsed.ToString();
        return null;
    }

    /// <summary>A registered domain, lower-cased, internationalised names in their ASCII (xn--) form.</summary>
    public static string? Domain(string value, out string domain)
    {
        domain = value.Trim().TrimEnd('.').ToLowerInvariant();
        var given = value.Trim();
        if (domain.Length == 0) return "domain is empty";
        if (!domain.All(char.IsAscii))
        {
            try
            {
                domain = Idn.GetAscii(domain);
            }
            catch (ArgumentException)
            {
                return $"domain '{given}' is not a valid internationalised domain name";
            }
        }
        if (domain.Length > 253 || !domain.Contains('.') || IPAddress.TryParse(domain, out _))
            return $"domain '{given}' is not a domain name (such as example.nl)";
        var labels = domain.Split('.');
        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-' || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
                return $"domain '{given}' is not a domain name: label '{label}' is not letters, digits and inner hyphens";
        }
        if (labels[^1].All(char.IsAsciiDigit)) return $"domain '{given}' is not a domain name: the top-level label is numeric";
        return null;
    }

    /// <summary>An AS number, with or without the "AS" prefix; stored as the bare number.</summary>
    public static string? Asn(string value, out long asn)
    {
        var text = value.Trim();
        var digits = text.StartsWith("AS", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out asn) && asn is >= 1 and <= uint.MaxValue) return null;
        return $"asn '{text}' is not an AS number (1 to 4294967295)";
    }

    /// <summary>A bare e-mail address (no display name); the domain part is lower-cased.</summary>
    public static string? Email(string field, string value, out string email)
    {
        email = value.Trim();
        if (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || parsed.DisplayName.Length > 0 || !parsed.Host.Contains('.'))
            return $"{field} '{email}' is not an e-mail address";
        email = parsed.User + "@" + parsed.Host.ToLowerInvariant();
        return null;
    }

    /// <summary>A phone number as people write it (+31 20 123 4567, 020-1234567): digits, spaces, + - ( ) and at least 6 digits.</summary>
    public static string? Phone(string value, out string phone)
    {
        phone = value.Trim();
        var digits = phone.Count(char.IsAsciiDigit);
        if (digits < 6 || digits > 15 || !phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')' or '.') || phone.LastIndexOf('+') > 0)
            return $"phone '{phone}' is not a phone number";
        return null;
    }

    /// <summary>Language codes (ISO 639-1, two letters), in order of preference; stored comma-separated as "nl,en".</summary>
    public static string? Languages(IEnumerable<string> values, out string languages)
    {
        var codes = new List<string>();
        foreach (var value in values)
        {
            var code = value.Trim().ToLowerInvariant();
            if (code.Length == 0) continue;
            if (code.Length != 2 || !code.All(char.IsAsciiLetterLower))
            {
                languages = "";
                return $"language '{value.Trim()}' is not a two-letter language code (such as nl or en)";
            }
            if (!codes.Contains(code)) codes.Add(code);
        }
        languages = string.Join(',', codes);
        return null;
    }

    /// <summary>Splits a CSV list field; a language list may also use commas, as it is stored.</summary>
    public static string[] SplitList(string value, bool commaToo = false) =>
        value.Split(commaToo ? [ListSeparator, ','] : [ListSeparator], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public static string AssetKey(AssetKind kind, string value) => kind switch
    {
        AssetKind.Network => "n:" + value,
        AssetKind.Domain => "d:" + value,
        AssetKind.Asn => "a:" + value,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Two registry contacts are the same when address and phone are; languages may change.</summary>
    public static string ContactKey(string? email, string? phone) => (email?.ToLowerInvariant() ?? "") + "|" + (phone ?? "");
}

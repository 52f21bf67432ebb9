using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Herald.SecurityTxt;

/// <summary>
/// Reads and validates the content of a security.txt file line by line, with the semantics of sectxt's parser
/// (codes, messages, line numbers): a line is a comment, a field, an OpenPGP envelope line, blank, or an error.
/// Differences: <c>multi_expire</c> and <c>multi_lang</c> name the line of the repeated field; language tags are
/// checked for RFC 5646 syntax (two- or three-letter primary language), not against the IANA registry.
/// </summary>
internal sealed partial class SecurityTxtParser
{
    private const string SignedHeader = "-----BEGIN PGP SIGNED MESSAGE-----";
    private const string SignatureHeader = "-----BEGIN PGP SIGNATURE-----";
    private const string SignatureFooter = "-----END PGP SIGNATURE-----";
    private const string PreferredLanguages = "preferred-languages";

    private static readonly HashSet<string> UriFields = new(StringComparer.Ordinal)
        { "acknowledgments", "canonical", "contact", "encryption", "hiring", "policy", "csaf" };

    private static readonly HashSet<string> KnownFields = new(UriFields, StringComparer.Ordinal) { PreferredLanguages, "expires" };

    private readonly SecurityTxtProblems _problems;
    private readonly DateTimeOffset _now;
    private readonly List<(string Key, string Value, int Line)> _values = [];
    private bool _signed;
    private bool _readingSignature;
    private bool _finishedSignature;
    private int? _signedHeaderLine;
    private int? _signatureLine;
    private int? _signatureEndLine;
    private DateTimeOffset? _expires;

    private SecurityTxtParser(SecurityTxtProblems problems, DateTimeOffset now)
    {
        _problems = problems;
        _now = now;
    }

    private enum LineKind { Empty, Comment, Field, Envelope, Error }

    /// <summary>
    /// Parses <paramref name="content"/>; <paramref name="urls"/> are the first and last URL of the fetch (for
    /// <c>no_canonical_match</c>), empty for content given directly.
    /// </summary>
    public static ParsedSecurityTxt Parse(ReadOnlySpan<byte> content, IReadOnlyList<Uri> urls, DateTimeOffset now, SecurityTxtProblems problems)
    {
        var parser = new SecurityTxtParser(problems, now);
        var text = parser.Decode(content);
        var lines = text.Split('\n');
        var last = LineKind.Empty;
        for (var i = 0; i < lines.Length; i++) last = parser.ParseLine(lines[i].TrimEnd(), i + 1);
        parser.Validate(lines, last, urls);
        return new ParsedSecurityTxt(parser.Fields(), text, parser._signed, parser._signedHeaderLine, parser._signatureLine);
    }

    private string Decode(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith(Encoding.UTF8.Preamble))
        {
            _problems.Error("bom_in_file");
            content = content[3..];
        }
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            _problems.Error("utf8");
            return Encoding.UTF8.GetString(content);
        }
    }

    private LineKind ParseLine(string line, int number)
    {
        if (_readingSignature)
        {
            if (line == SignatureFooter)
            {
                _readingSignature = false;
                _finishedSignature = true;
                _signatureEndLine = number;
            }
            return LineKind.Envelope;
        }
        if (line.Length > 0 && _finishedSignature)
        {
            _problems.Error("data_after_sig", number);
            return LineKind.Error;
        }
        // Signed content may be dash-escaped (RFC 4880 section 7.1).
        if (_signed && line.StartsWith("- ", StringComparison.Ordinal)) line = line[2..];
        if (line == SignedHeader)
        {
            if (number != 1) _problems.Error("signed_format_issue", number);
            _signed = true;
            _signedHeaderLine ??= number;
            return LineKind.Envelope;
        }
        if (line == SignatureHeader && _signed)
        {
            _readingSignature = true;
            _signatureLine ??= number;
            return LineKind.Envelope;
        }
        if (line.StartsWith('#')) return LineKind.Comment;
        if (line.Contains(':', StringComparison.Ordinal)) return ParseField(line, number);
        if (line.Length > 0)
        {
            _problems.Error("invalid_line", number);
            return LineKind.Error;
        }
        return LineKind.Empty;
    }

    private LineKind ParseField(string line, int number)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        var key = line[..colon].ToLowerInvariant();
        var value = line[(colon + 1)..];
        if (key.TrimEnd() != key)
        {
            _problems.Error("prec_ws", number);
            key = key.TrimEnd();
        }
        if (value.Length > 0)
        {
            if (value[0] != ' ') _problems.Error("no_space", number);
            value = value.TrimStart();
        }
        if (key == "hash" && _signed) return LineKind.Envelope;
        if (key.Length == 0)
        {
            _problems.Error("empty_key", number);
            return LineKind.Error;
        }
        if (value.Length == 0)
        {
            _problems.Error("empty_value", number);
            return LineKind.Error;
        }
        if (UriFields.Contains(key))
        {
            var scheme = UriScheme(value);
            if (scheme is null) _problems.Error("no_uri", SecurityTxtMessages.NoUri(key), number);
            else if (scheme == "http") _problems.Error("no_https", number);
        }
        else if (key == "expires")
        {
            ParseExpires(value, number);
        }
        else if (key == PreferredLanguages)
        {
            foreach (var tag in value.Split(','))
            {
                if (!LanguageTag().IsMatch(tag.Trim())) _problems.Error("invalid_lang", number);
            }
        }
        if (!KnownFields.Contains(key)) _problems.Notify("unknown_field", SecurityTxtMessages.UnknownField(key), number);
        _values.Add((key, value, number));
        return LineKind.Field;
    }

    // As Python's urlsplit finds a scheme: a letter, then letters, digits, '+', '-' or '.', then a colon.
    private static string? UriScheme(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !char.IsAsciiLetter(value[0])) return null;
        foreach (var c in value.AsSpan(0, colon))
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.')) return null;
        }
        return value[..colon].ToLowerInvariant();
    }

    private void ParseExpires(string value, int number)
    {
        var strict = Iso8601().IsMatch(value);
        if (!DateTimeOffset.TryParse(strict ? value.ToUpperInvariant() : value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var date))
        {
            _problems.Error("invalid_expiry", number);
            return;
        }
        // Like sectxt: a date that can be read but is not ISO 8601 is an error, and still judged for its age.
        if (!strict) _problems.Error("invalid_expiry", number);
        _expires ??= date;
        if (date > _now.AddYears(1)) _problems.Recommend("long_expiry", number);
        else if (date < _now) _problems.Error("expired", number);
    }

    private void Validate(string[] lines, LineKind last, IReadOnlyList<Uri> urls)
    {
        var expires = Lines("expires");
        if (expires.Count == 0) _problems.Error("no_expire");
        else if (expires.Count > 1) _problems.Error("multi_expire", expires[1]);
        var canonical = Values("canonical");
        if (urls.Count > 0 && canonical.Count > 0 && !urls.Any(url => canonical.Any(c => SameUrl(c, url))))
            _problems.Error("no_canonical_match");
        if (last != LineKind.Empty) _problems.Error("no_line_separators", lines.Length);
        // sectxt 0.9.5: a signed file ends with exactly one line separator after its signature.
        if (_signatureEndLine is int end && lines.Length - end >= 2 && lines.Skip(end).All(l => l.Trim().Length == 0))
            _problems.Error("too_many_line_separators", end + 1);
        var csaf = Values("csaf");
        if (csaf.Count > 0)
        {
            if (!csaf.All(v => v.EndsWith("provider-metadata.json", StringComparison.Ordinal))) _problems.Error("no_csaf_file");
            if (csaf.Count > 1) _problems.Recommend("multiple_csaf_fields");
        }
        var contact = Values("contact");
        if (contact.Count == 0) _problems.Error("no_contact");
        else if (contact.Any(v => v.StartsWith("mailto:", StringComparison.Ordinal)) && Values("encryption").Count == 0) _problems.Recommend("no_encryption");
        var languages = Lines(PreferredLanguages);
        if (languages.Count > 1) _problems.Error("multi_lang", languages[1]);
        if (!_signed) _problems.Recommend("not_signed");
        else if (canonical.Count == 0) _problems.Recommend("no_canonical");
    }

    private static bool SameUrl(string canonical, Uri url) =>
        canonical == url.OriginalString || canonical == url.AbsoluteUri ||
        (Uri.TryCreate(canonical, UriKind.Absolute, out var parsed) && parsed == url);

    private List<string> Values(string key) => [.. _values.Where(v => v.Key == key).Select(v => v.Value)];

    private List<int> Lines(string key) => [.. _values.Where(v => v.Key == key).Select(v => v.Line)];

    private SecurityTxtFields Fields() => new()
    {
        Contact = Values("contact"),
        ExpiresText = Values("expires").FirstOrDefault(),
        Expires = _expires,
        Encryption = Values("encryption"),
        Acknowledgments = Values("acknowledgments"),
        PreferredLanguages = Values(PreferredLanguages).FirstOrDefault() is { } tags ? [.. tags.Split(',').Select(t => t.Trim())] : [],
        Canonical = Values("canonical"),
        Policy = Values("policy"),
        Hiring = Values("hiring"),
        Csaf = Values("csaf"),
        Other = [.. _values.Where(v => !KnownFields.Contains(v.Key)).Select(v => KeyValuePair.Create(v.Key, v.Value))],
    };

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[-+]\d{2}:\d{2})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Iso8601();

    // RFC 5646 language tag syntax: language (2-3 letters, extlangs), script, region, variants, extensions,
    // private use; or a private-use or "i-" grandfathered tag.
    [GeneratedRegex(@"^(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}(?:-[a-z]{4})?(?:-(?:[a-z]{2}|[0-9]{3}))?(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*(?:-x(?:-[a-z0-9]{1,8})+)?|x(?:-[a-z0-9]{1,8})+|i-[a-z]{2,8})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LanguageTag();
}

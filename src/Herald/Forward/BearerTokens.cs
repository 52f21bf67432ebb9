namespace Herald.Forward;

/// <summary>
/// Bearer tokens for partners' endpoints, by partner code. A class of its own so that the tokens never reach a log
/// or an error through a record's printed form: <see cref="ToString"/> names the partners, never a token.
/// </summary>
public sealed class BearerTokens
{
    private readonly Dictionary<string, string> _tokens;

    /// <summary>Throws, naming the setting but never the token, for a token that is not RFC 6750's token68 (a header injection).</summary>
    public BearerTokens(IReadOnlyDictionary<string, string> tokens)
    {
        _tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (code, token) in tokens)
        {
            var key = Key(code);
            if (token.Length == 0 || token.TrimEnd('=').Length == 0 || !token.TrimEnd('=').All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '+' or '/'))
                throw new UserException($"Forward:Tokens:{code}: the token has characters a bearer token cannot have (RFC 6750)");
            _tokens[key] = token;
        }
    }

    public static BearerTokens None { get; } = new(new Dictionary<string, string>());

    /// <summary>The token for a partner, if one is configured.</summary>
    public string? For(string partnerCode) => _tokens.GetValueOrDefault(Key(partnerCode));

    /// <summary>The partners with a token, as their keys (upper case, other characters as <c>_</c>).</summary>
    public IEnumerable<string> PartnerKeys => _tokens.Keys.Order(StringComparer.Ordinal);

    /// <summary>The key of a partner code: <c>z-cert</c>, <c>Z-CERT</c> and <c>z_cert</c> are one partner.</summary>
    public static string Key(string partnerCode) =>
        string.Concat(partnerCode.ToUpperInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_'));

    public override string ToString() => _tokens.Count == 0 ? "no tokens" : $"tokens for {string.Join(", ", _tokens.Keys.Order(StringComparer.Ordinal))}";
}

using System.Collections;

namespace Herald.Forward;

/// <summary>
/// Bearer tokens for partners' endpoints, by partner code. A class of its own so that the tokens never reach a log
/// or an error through a record's printed form: <see cref="ToString"/> names the partners, never a token.
/// </summary>
public sealed class BearerTokens
{
    public const string EnvironmentPrefix = "HERALD_FORWARD_TOKEN_";

    private readonly Dictionary<string, string> _tokens;

    /// <summary>Throws, naming the partner but never the token, for a token that is not RFC 6750's token68 (a header injection).</summary>
    public BearerTokens(IReadOnlyDictionary<string, string> tokens)
    {
        _tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (code, token) in tokens)
        {
            var key = Key(code);
            if (token.Length == 0 || token.TrimEnd('=').Length == 0 || !token.TrimEnd('=').All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '+' or '/'))
                throw new InvalidOperationException($"The bearer token {EnvironmentPrefix}{key} has characters a bearer token cannot have (RFC 6750).");
            _tokens[key] = token;
        }
    }

    public static BearerTokens None { get; } = new(new Dictionary<string, string>());

    /// <summary>The token for a partner, if one is configured.</summary>
    public string? For(string partnerCode) => _tokens.GetValueOrDefault(Key(partnerCode));

    /// <summary><c>HERALD_FORWARD_TOKEN_Z_CERT</c> holds the token of partner <c>z-cert</c> (upper case, other characters as <c>_</c>).</summary>
    public static BearerTokens FromEnvironment()
    {
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string name && name.StartsWith(EnvironmentPrefix, StringComparison.Ordinal)
                && variable.Value is string { Length: > 0 } token)
                tokens[name[EnvironmentPrefix.Length..]] = token;
        }
        return new BearerTokens(tokens);
    }

    /// <summary>The environment variable's suffix for a partner code.</summary>
    public static string Key(string partnerCode) =>
        string.Concat(partnerCode.ToUpperInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_'));

    public override string ToString() => _tokens.Count == 0 ? "no tokens" : $"tokens for {string.Join(", ", _tokens.Keys.Order(StringComparer.Ordinal))}";
}

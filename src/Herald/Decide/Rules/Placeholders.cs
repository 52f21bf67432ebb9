using System.Text;

namespace Herald.Decide.Rules;

/// <summary>
/// A text with <c>{field}</c> placeholders (any rule field, and <c>route</c> and <c>recipient</c>), parsed once:
/// reasons and aggregation keys say what was actually seen.
/// </summary>
internal sealed class Placeholders
{
    private readonly string[] _literals;
    private readonly Func<DecisionFacts, string?>[] _values;

    private Placeholders(string[] literals, Func<DecisionFacts, string?>[] values)
    {
        _literals = literals;
        _values = values;
    }

    /// <summary>Parses the text; an unknown placeholder is a problem at the text's node.</summary>
    public static Placeholders? Parse(string text, Action<string> problem)
    {
        var literals = new List<string>();
        var values = new List<Func<DecisionFacts, string?>>();
        var at = 0;
        while (true)
        {
            var open = text.IndexOf('{', at);
            if (open < 0) break;
            var close = text.IndexOf('}', open);
            if (close < 0)
            {
                problem($"'{{' at position {open + 1} is not closed by '}}'");
                return null;
            }
            var name = text[(open + 1)..close].Trim();
            Func<DecisionFacts, string?>? value = name switch
            {
                "route" => f => f.Route is { } r ? RouteNames.Name(r) : null,
                "recipient" => f => f.Recipient,
                _ => RuleFields.Find(name) is { } field ? field.Render : null,
            };
            if (value is null)
            {
                problem($"unknown placeholder {{{name}}}: use a field name, {{route}} or {{recipient}}");
                return null;
            }
            literals.Add(text[at..open]);
            values.Add(value);
            at = close + 1;
        }
        literals.Add(text[at..]);
        return new Placeholders([.. literals], [.. values]);
    }

    public string Render(DecisionFacts facts)
    {
        if (_values.Length == 0) return _literals[0];
        var text = new StringBuilder(_literals[0]);
        for (var i = 0; i < _values.Length; i++) text.Append(_values[i](facts) ?? "unknown").Append(_literals[i + 1]);
        return text.ToString();
    }
}

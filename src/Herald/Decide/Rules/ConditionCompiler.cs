using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Herald.Decide.Rules;

/// <summary>
/// Turns one <c>field: test</c> pair of a rule's <c>when</c> into a delegate. A scalar tests equality, a list
/// membership; a mapping names its tests (<c>in</c>, <c>not-in</c>, <c>cidr</c>, <c>regex</c>, <c>min</c>, ...), all of which must hold.
/// </summary>
internal sealed partial class ConditionCompiler(RuleProblems problems, TimeSpan regexTimeout)
{
    public const string SeenBefore = "seen-before";

    /// <summary>The condition, or null after adding the problems.</summary>
    public Func<DecisionFacts, bool>? Compile(YamlScalarNode key, YamlNode test)
    {
        var name = key.Value ?? "";
        if (name == SeenBefore)
        {
            if (!Duration(test, out var window)) return null;
            return f => f.Lookups.Sightings.WarnedWithin(f.Key, window, f.Now);
        }
        if (KevTest(key, test) is { } kev) return kev;
        if (RuleFields.Find(name) is not { } field)
        {
            problems.Add(key, $"unknown field '{name}'; known fields: {string.Join(", ", RuleFields.All.Select(f => f.Name))}, {SeenBefore}, extra.<column>");
            return null;
        }
        return field.Kind switch
        {
            FieldKind.Text => Ordered(test, field, TextTest, field.Text!),
            FieldKind.Number => Ordered(test, field, NumberTest, field.Number!),
            FieldKind.Flag => FlagTest(test, field.Flag!),
            FieldKind.Address => Ordered(test, field, AddressTest, f => f.Event.SourceIp),
            FieldKind.Cves => Ordered(test, field, CveTest, f => f.Event.ProductVulnerabilities),
            FieldKind.Age => Ordered(test, field, AgeTest, f => f.Age),
            FieldKind.Severity => Ordered(test, field, SeverityTest, f => f.Severity),
            FieldKind.Reliability => Ordered(test, field, ReliabilityTest, f => (char?)f.Report.SourceReliability),
            _ => null,
        };
    }

    /// <summary>A scalar is the test <c>=</c>, a list the test <c>in</c>; a mapping lists named tests.</summary>
    private Func<DecisionFacts, bool>? Ordered<T>(YamlNode test, RuleField field, Func<string, YamlNode, Func<T, bool>?> compile, Func<DecisionFacts, T> read)
    {
        var tests = new List<Func<T, bool>>();
        switch (test)
        {
            case YamlScalarNode:
                Add("=", test);
                break;
            case YamlSequenceNode:
                Add("in", test);
                break;
            case YamlMappingNode map:
                if (map.Children.Count == 0) problems.Add(map, $"'{field.Name}' has no tests");
                foreach (var (opNode, value) in map.Children) Add(((YamlScalarNode)opNode).Value ?? "", value, opNode);
                break;
        }
        if (tests.Count == 0) return null;
        if (tests.Count == 1)
        {
            var only = tests[0];
            return f => only(read(f));
        }
        var all = tests.ToArray();
        return f =>
        {
            var v = read(f);
            foreach (var t in all)
                if (!t(v)) return false;
            return true;
        };

        void Add(string op, YamlNode value, YamlNode? at = null)
        {
            var count = problems.List.Count;
            var compiled = compile(op, value);
            if (compiled is not null) tests.Add(compiled);
            else if (problems.List.Count == count) problems.Add(at ?? value, $"'{field.Name}' ({field.Kind.ToString().ToLowerInvariant()}) has no test '{op}'");
        }
    }

    private Func<string?, bool>? TextTest(string op, YamlNode value)
    {
        switch (op)
        {
            case "=" or "equals" when Scalar(value) is { } s:
                return IsNull(s) ? v => v is null : v => string.Equals(v, s.Value, StringComparison.OrdinalIgnoreCase);
            case "not" when Scalar(value) is { } s:
                return v => !string.Equals(v, s.Value, StringComparison.OrdinalIgnoreCase);
            case "in" when Texts(value) is { } set:
                return v => v is not null && set.Contains(v);
            case "not-in" when Texts(value) is { } set:
                return v => v is null || !set.Contains(v);
            case "exists" when Bool(value) is { } b:
                return v => (v is not null) == b;
            case "regex" when Scalar(value) is { } s:
                try
                {
                    var regex = new Regex(s.Value!, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Compiled, regexTimeout);
                    return v => v is not null && regex.IsMatch(v);
                }
                catch (ArgumentException ex)
                {
                    problems.Add(value, $"invalid regular expression: {ex.Message}");
                    return null;
                }
            default:
                return null;
        }
    }

    private Func<long?, bool>? NumberTest(string op, YamlNode value)
    {
        switch (op)
        {
            case "=" or "equals" when Long(value) is { } n: return v => v == n;
            case "in" when Longs(value) is { } set: return v => v is { } x && set.Contains(x);
            case "not-in" when Longs(value) is { } set: return v => v is not { } x || !set.Contains(x);
            case "min" when Long(value) is { } n: return v => v >= n;
            case "max" when Long(value) is { } n: return v => v <= n;
            case "exists" when Bool(value) is { } b: return v => v.HasValue == b;
            default: return null;
        }
    }

    private Func<IPAddress?, bool>? AddressTest(string op, YamlNode value)
    {
        switch (op)
        {
            case "=" or "in" or "cidr" when Networks(value) is { } networks:
                return v => v is not null && Contains(networks, v);
            case "not-in" or "not-cidr" when Networks(value) is { } networks:
                return v => v is null || !Contains(networks, v);
            case "exists" when Bool(value) is { } b:
                return v => (v is not null) == b;
            default:
                return null;
        }

        static bool Contains(IPNetwork[] networks, IPAddress address)
        {
            foreach (var n in networks)
                if (n.Contains(address)) return true;
            return false;
        }
    }

    private Func<IReadOnlyList<string>, bool>? CveTest(string op, YamlNode value)
    {
        switch (op)
        {
            case "=" or "in" or "any" when Cves(value) is { } set:
                return v =>
                {
                    foreach (var cve in v)
                        if (set.Contains(cve)) return true;
                    return false;
                };
            case "exists" when Bool(value) is { } b:
                return v => (v.Count > 0) == b;
            default:
                return null;
        }
    }

    private Func<TimeSpan?, bool>? AgeTest(string op, YamlNode value)
    {
        if (op is not ("over" or "within") || !Duration(value, out var d)) return null;
        return op == "over" ? v => v > d : v => v <= d;
    }

    private Func<Severity?, bool>? SeverityTest(string op, YamlNode value)
    {
        switch (op)
        {
            case "=" or "equals" when SeverityOf(value) is { } s: return v => v == s;
            case "in" when value is YamlSequenceNode seq:
                var set = seq.Children.Select(SeverityOf).ToList();
                return set.Contains(null) ? null : v => v is { } x && set.Contains(x);
            case "at-least" when SeverityOf(value) is { } s: return v => v >= s;
            case "below" when SeverityOf(value) is { } s: return v => v < s;
            case "exists" when Bool(value) is { } b: return v => v.HasValue == b;
            default: return null;
        }
    }

    private Func<char?, bool>? ReliabilityTest(string op, YamlNode value)
    {
        // A is the most reliable: "at least C" is A, B or C.
        switch (op)
        {
            case "=" or "equals" when Letter(value) is { } c: return v => v == c;
            case "at-least" when Letter(value) is { } c: return v => v <= c;
            case "below" when Letter(value) is { } c: return v => v > c;
            default: return null;
        }
    }

    private Func<DecisionFacts, bool>? FlagTest(YamlNode test, Func<DecisionFacts, bool> read)
    {
        if (Bool(test) is not { } b) return null;
        return b ? read : f => !read(f);
    }

    /// <summary><c>cve: {kev: true}</c>: any of the event's CVEs is in the KEV catalogue (reference data, so read at evaluation).</summary>
    private Func<DecisionFacts, bool>? KevTest(YamlScalarNode key, YamlNode test)
    {
        if (key.Value != "cve" || test is not YamlMappingNode map || map.Children.Count != 1
            || map.Children.First().Key is not YamlScalarNode { Value: "kev" } || Bool(map.Children.First().Value) is not { } b)
            return null;
        return f =>
        {
            var inKev = false;
            foreach (var cve in f.Event.ProductVulnerabilities)
                if (f.Lookups.Kev.Contains(cve)) { inKev = true; break; }
            return inKev == b;
        };
    }

    private YamlScalarNode? Scalar(YamlNode node)
    {
        if (node is YamlScalarNode s) return s;
        problems.Add(node, "expected a single value");
        return null;
    }

    private static bool IsNull(YamlScalarNode s) => s.Style == YamlDotNet.Core.ScalarStyle.Plain && s.Value is "~" or "null" or "";

    private HashSet<string>? Texts(YamlNode node)
    {
        var items = Items(node);
        return items is null ? null : new HashSet<string>(items.Select(i => i.Value ?? ""), StringComparer.OrdinalIgnoreCase);
    }

    private List<YamlScalarNode>? Items(YamlNode node)
    {
        if (node is YamlScalarNode s) return [s];
        if (node is YamlSequenceNode seq && seq.Children.All(c => c is YamlScalarNode)) return seq.Children.Cast<YamlScalarNode>().ToList();
        problems.Add(node, "expected a value or a list of values");
        return null;
    }

    private bool? Bool(YamlNode node)
    {
        if (node is YamlScalarNode { Value: "true" }) return true;
        if (node is YamlScalarNode { Value: "false" }) return false;
        problems.Add(node, "expected true or false");
        return null;
    }

    private long? Long(YamlNode node)
    {
        if (node is YamlScalarNode { Value: { } v } && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return n;
        problems.Add(node, "expected a whole number");
        return null;
    }

    private HashSet<long>? Longs(YamlNode node)
    {
        var items = Items(node);
        if (items is null) return null;
        var set = new HashSet<long>();
        foreach (var i in items)
            if (Long(i) is { } n) set.Add(n);
            else return null;
        return set;
    }

    private IPNetwork[]? Networks(YamlNode node)
    {
        var items = Items(node);
        if (items is null) return null;
        var networks = new List<IPNetwork>();
        foreach (var i in items)
        {
            var text = i.Value ?? "";
            if (IPNetwork.TryParse(text, out var network) && network.BaseAddress.Equals(IPAddress.Parse(text.Split('/')[0]))) networks.Add(network);
            else if (IPAddress.TryParse(text, out var address)) networks.Add(new IPNetwork(address, address.GetAddressBytes().Length * 8));
            else
            {
                problems.Add(i, $"'{text}' is not an address or a CIDR network with zero host bits (e.g. 192.0.2.0/24)");
                return null;
            }
        }
        return [.. networks];
    }

    private HashSet<string>? Cves(YamlNode node)
    {
        var items = Items(node);
        if (items is null) return null;
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var i in items)
        {
            if (i.Value is not { } v || !CveFormat().IsMatch(v))
            {
                problems.Add(i, $"'{i.Value}' is not a CVE id (CVE-2024-12345)");
                return null;
            }
            set.Add(v.ToUpperInvariant());
        }
        return set;
    }

    private Severity? SeverityOf(YamlNode node)
    {
        if (node is YamlScalarNode s && Severities.TryParse(s.Value, out var severity)) return severity;
        problems.Add(node, "expected a severity: info, low, medium, high or critical");
        return null;
    }

    private char? Letter(YamlNode node)
    {
        if (node is YamlScalarNode { Value: [var c and >= 'A' and <= 'F'] }) return c;
        problems.Add(node, "expected a reliability letter, A (completely reliable) to F (cannot be judged)");
        return null;
    }

    public bool Duration(YamlNode node, out TimeSpan value)
    {
        value = default;
        if (node is YamlScalarNode { Value: { } v } && Durations.TryParse(v, out value)) return true;
        problems.Add(node, "expected a duration: a number and m, h, d or w (e.g. 7d)");
        return false;
    }

    [GeneratedRegex("^CVE-[0-9]{4}-[0-9]{4,}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CveFormat();
}

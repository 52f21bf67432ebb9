using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Herald.Decide.Rules;

/// <summary>
/// Reads rule files (YAML) into a <see cref="RuleSet"/>, or into every problem found, each with its file,
/// line and column. Nothing half-valid is returned: one problem and there is no rule set.
/// </summary>
public static partial class RuleSetLoader
{
    private static readonly string[] Priorities = ["low", "normal", "high", "urgent"];
    private static readonly HashSet<string> TopKeys = ["description", "author", "recipient-limit", "rules"];
    private static readonly HashSet<string> RuleKeys =
        ["id", "author", "description", "when", "set", "route", "suppress", "reason", "template", "aggregation-key", "interval", "priority", "review"];
    private static readonly HashSet<string> SetKeys = ["severity", "template", "aggregation-key", "interval", "priority", "review"];
    private static readonly HashSet<string> LimitKeys = ["messages", "per"];

    /// <summary>How long one regular expression may take on one value before it counts as not matching.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(50);

    public static RuleLoadResult Load(IReadOnlyList<RuleSource> sources)
    {
        var rules = new List<Rule>();
        var problems = new List<RuleProblem>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        RecipientLimit? limit = null;
        var window = TimeSpan.Zero;
        if (sources.Count == 0) problems.Add(new RuleProblem("(rules)", 1, 1, "there are no rule files"));
        foreach (var source in sources)
        {
            var file = new FileReader(new RuleProblems(source.Name));
            file.Read(source.Text, rules, ids, ref limit, ref window);
            problems.AddRange(file.Problems.List);
        }
        if (problems.Count > 0) return new RuleLoadResult(null, problems);
        return new RuleLoadResult(new RuleSet(rules, limit, window, HashOf(sources), sources), []);
    }

    /// <summary>
    /// Compiles a condition written as a rule's <c>when</c> (a mapping of field: test), for inhibitions; returns
    /// null with the problems when it is not valid.
    /// </summary>
    internal static Func<DecisionFacts, bool>[]? LoadCondition(string text, string name, List<RuleProblem> problems)
    {
        var file = new FileReader(new RuleProblems(name));
        var conditions = file.ReadCondition(text);
        problems.AddRange(file.Problems.List);
        return file.Problems.List.Count == 0 ? conditions : null;
    }

    public static string HashOf(IReadOnlyList<RuleSource> sources)
    {
        var text = new StringBuilder();
        foreach (var s in sources) text.Append(s.Name).Append('\0').Append(s.Text).Append('\0');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9][a-z0-9-]{0,79}$")]
    private static partial System.Text.RegularExpressions.Regex IdFormat();

    private sealed class FileReader(RuleProblems problems)
    {
        private readonly ConditionCompiler _conditions = new(problems, RegexTimeout);

        public RuleProblems Problems => problems;

        public Func<DecisionFacts, bool>[]? ReadCondition(string text)
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(text));
            }
            catch (YamlException ex)
            {
                problems.Add(ex.Start.Line, ex.Start.Column, (ex.InnerException?.Message ?? ex.Message).Trim());
                return null;
            }
            if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode { Children.Count: > 0 } root)
            {
                problems.Add(1, 1, "a condition is a mapping of field: test, e.g. 'organisation.kvk: \"12345678\"'");
                return null;
            }
            var window = TimeSpan.Zero;
            return Conditions(root, ref window, out _);
        }

        private Func<DecisionFacts, bool>[] Conditions(YamlMappingNode when, ref TimeSpan window, out bool usesSeenBefore)
        {
            usesSeenBefore = false;
            var conditions = new List<Func<DecisionFacts, bool>>();
            foreach (var (fieldNode, test) in when.Children)
            {
                if (fieldNode is not YamlScalarNode field)
                {
                    problems.Add(fieldNode, "a condition's field is a name");
                    continue;
                }
                if (field.Value == ConditionCompiler.SeenBefore && _conditions.Duration(test, out var d))
                {
                    usesSeenBefore = true;
                    if (d > window) window = d;
                }
                if (_conditions.Compile(field, test) is { } c) conditions.Add(c);
            }
            return [.. conditions];
        }

        public void Read(string text, List<Rule> rules, Dictionary<string, string> ids, ref RecipientLimit? limit, ref TimeSpan window)
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(text));
            }
            catch (YamlException ex)
            {
                problems.Add(ex.Start.Line, ex.Start.Column, (ex.InnerException?.Message ?? ex.Message).Trim());
                return;
            }
            if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                problems.Add(1, 1, "a rule file is one YAML mapping with a 'rules' list");
                return;
            }
            string? author = null;
            YamlSequenceNode? list = null;
            foreach (var (keyNode, value) in root.Children)
            {
                var key = Key(keyNode, TopKeys);
                switch (key)
                {
                    case "author": author = Text(value); break;
                    case "rules":
                        list = value as YamlSequenceNode;
                        if (list is null) problems.Add(value, "'rules' must be a list of rules");
                        break;
                    case "recipient-limit":
                        if (limit is not null) problems.Add(keyNode, "the recipient limit is set in another file already");
                        limit = Limit(value);
                        break;
                }
            }
            if (list is null)
            {
                if (!root.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value == "rules")) problems.Add(root, "the file has no 'rules' list");
                return;
            }
            foreach (var item in list.Children)
            {
                if (item is not YamlMappingNode map)
                {
                    problems.Add(item, "a rule is a mapping with id, when, an action and a reason");
                    continue;
                }
                if (ReadRule(map, author, ref window) is not { } rule) continue;
                if (ids.TryGetValue(rule.Id, out var where)) problems.Add(map, $"rule id '{rule.Id}' is used twice (first at {where})");
                else
                {
                    ids[rule.Id] = $"{problems.File}:{rule.Line}";
                    rules.Add(rule);
                }
            }
        }

        private Rule? ReadRule(YamlMappingNode map, string? fileAuthor, ref TimeSpan window)
        {
            var before = problems.List.Count;
            string? id = null, author = fileAuthor;
            Placeholders? reason = null;
            var conditions = new List<Func<DecisionFacts, bool>>();
            var usesSeenBefore = false;
            var actions = new List<(string Key, YamlNode Node)>();
            var attributes = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            foreach (var (keyNode, value) in map.Children)
            {
                switch (Key(keyNode, RuleKeys))
                {
                    case "id":
                        id = Text(value);
                        if (id is not null && !IdFormat().IsMatch(id)) problems.Add(value, $"rule id '{id}' must be lower-case letters, digits and hyphens");
                        break;
                    case "author": author = Text(value); break;
                    case "description": break;
                    case "reason":
                        if (Text(value) is { } r) reason = Placeholders.Parse(r, m => problems.Add(value, m));
                        break;
                    case "when":
                        if (value is not YamlMappingNode when)
                        {
                            problems.Add(value, "'when' must be a mapping of field: test");
                            break;
                        }
                        conditions.AddRange(Conditions(when, ref window, out usesSeenBefore));
                        break;
                    case "set" or "route" or "suppress":
                        actions.Add((((YamlScalarNode)keyNode).Value!, value));
                        break;
                    case { } attribute:
                        attributes[attribute] = value;
                        break;
                }
            }
            if (id is null) problems.Add(map, "the rule has no 'id'");
            if (reason is null && !map.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value == "reason"))
                problems.Add(map, $"rule '{id}' has no 'reason': every outcome must be explainable");
            if (actions.Count != 1)
            {
                problems.Add(map, $"rule '{id}' needs exactly one action: set, route or suppress");
                return null;
            }
            var action = Action(actions[0].Key, actions[0].Node, attributes);
            if (problems.List.Count > before || action is null || id is null || reason is null) return null;
            return new Rule(id, author, problems.File, (int)map.Start.Line, [.. conditions], action, reason, usesSeenBefore);
        }

        private RuleAction? Action(string kind, YamlNode node, Dictionary<string, YamlNode> attributes)
        {
            switch (kind)
            {
                case "set":
                    if (attributes.Count > 0)
                        problems.Add(attributes.Values.First(), "with 'set', put the attributes inside 'set'");
                    if (node is not YamlMappingNode set)
                    {
                        problems.Add(node, "'set' must be a mapping of attributes (severity, template, aggregation-key, interval, priority, review)");
                        return null;
                    }
                    return Attributes(new RuleAction(RuleActionKind.Set, null),
                        set.Children.ToDictionary(p => Key(p.Key, SetKeys) ?? "", p => p.Value, StringComparer.Ordinal), allowSeverity: true);
                case "route":
                    if (Text(node) is not { } name) return null;
                    if (!RouteNames.TryParseChoice(name, out var route))
                    {
                        problems.Add(node, $"unknown route '{name}': direct, national-csirt, partner, network-owner, hold-for-review or discard");
                        return null;
                    }
                    return Attributes(new RuleAction(RuleActionKind.Route, route), attributes, allowSeverity: false);
                default:
                    if (node is not YamlScalarNode { Value: "true" }) problems.Add(node, "'suppress' takes the value true");
                    if (attributes.Count > 0) problems.Add(attributes.Values.First(), "a suppression sets no directive attributes");
                    return new RuleAction(RuleActionKind.Suppress, null);
            }
        }

        private RuleAction Attributes(RuleAction action, Dictionary<string, YamlNode> attributes, bool allowSeverity)
        {
            foreach (var (key, value) in attributes)
            {
                switch (key)
                {
                    case "severity" when allowSeverity:
                        if (value is YamlScalarNode s && Severities.TryParse(s.Value, out var severity)) action = action with { Severity = severity };
                        else problems.Add(value, "expected a severity: info, low, medium, high or critical");
                        break;
                    case "severity":
                        problems.Add(value, "set the severity with a 'set' rule");
                        break;
                    case "template":
                        action = action with { Template = Text(value) };
                        break;
                    case "aggregation-key":
                        if (Text(value) is { } k) action = action with { AggregationKey = Placeholders.Parse(k, m => problems.Add(value, m)) };
                        break;
                    case "interval":
                        if (_conditions.Duration(value, out var interval)) action = action with { Interval = interval };
                        break;
                    case "priority":
                        if (Text(value) is { } p && Priorities.Contains(p)) action = action with { Priority = p };
                        else problems.Add(value, $"expected a priority: {string.Join(", ", Priorities)}");
                        break;
                    case "review":
                        if (value is YamlScalarNode { Value: "true" or "false" } b) action = action with { Review = b.Value == "true" };
                        else problems.Add(value, "expected true or false");
                        break;
                }
            }
            return action;
        }

        private RecipientLimit? Limit(YamlNode node)
        {
            if (node is not YamlMappingNode map)
            {
                problems.Add(node, "'recipient-limit' is a mapping: messages: 1, per: 1d");
                return null;
            }
            int? messages = null;
            TimeSpan? per = null;
            foreach (var (keyNode, value) in map.Children)
            {
                switch (Key(keyNode, LimitKeys))
                {
                    case "messages":
                        if (value is YamlScalarNode { Value: { } v } && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0) messages = n;
                        else problems.Add(value, "expected a whole number of messages, at least 1");
                        break;
                    case "per":
                        if (_conditions.Duration(value, out var d)) per = d;
                        break;
                }
            }
            if (messages is null || per is null)
            {
                problems.Add(map, "'recipient-limit' needs both messages and per");
                return null;
            }
            return new RecipientLimit(messages.Value, per.Value);
        }

        private string? Key(YamlNode node, HashSet<string> known)
        {
            if (node is YamlScalarNode { Value: { } key } && known.Contains(key)) return key;
            problems.Add(node, $"unknown key '{(node as YamlScalarNode)?.Value}'; expected one of: {string.Join(", ", known)}");
            return null;
        }

        private string? Text(YamlNode node)
        {
            if (node is YamlScalarNode { Value: { Length: > 0 } v }) return v;
            problems.Add(node, "expected a text");
            return null;
        }
    }
}

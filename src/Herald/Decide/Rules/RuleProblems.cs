using YamlDotNet.RepresentationModel;

namespace Herald.Decide.Rules;

/// <summary>Collects the problems of one file, each placed at the YAML node it is about.</summary>
internal sealed class RuleProblems(string file)
{
    public string File { get; } = file;

    public List<RuleProblem> List { get; } = [];

    public void Add(YamlNode node, string message) => List.Add(new RuleProblem(File, (int)node.Start.Line, (int)node.Start.Column, message));

    public void Add(long line, long column, string message) => List.Add(new RuleProblem(File, (int)line, (int)column, message));
}

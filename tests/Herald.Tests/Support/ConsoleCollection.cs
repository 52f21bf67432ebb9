namespace Herald.Tests.Support;

/// <summary>
/// Tests that drive the herald command share Spectre.Console's one static console, whose live progress
/// display refuses to run twice at once; they run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}

namespace Herald.Decide.Rules;

/// <summary>One version of the rule set as it was loaded: its number (the id), hash, files and full text.</summary>
public sealed class RuleSetRevision
{
    /// <summary>The sequence number of the version, counting from 1.</summary>
    public int Id { get; set; }

    public required string Hash { get; set; }

    /// <summary>The file names, one a line.</summary>
    public required string Files { get; set; }

    /// <summary>The files' texts, each after a <c># file: name</c> line, so any decision can be explained from this row.</summary>
    public required string Content { get; set; }

    public DateTimeOffset LoadedAt { get; set; }
    public required string LoadedBy { get; set; }
}

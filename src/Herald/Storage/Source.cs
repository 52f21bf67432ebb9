namespace Herald.Storage;

/// <summary>Who sends data, in which format, with which reliability (Admiralty A-F).</summary>
public sealed class Source
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public string Format { get; set; } = "shadowserver";
    public string Reliability { get; set; } = "B";
}

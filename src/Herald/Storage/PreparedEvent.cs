using Herald.Decide;
using Herald.Enrich;

namespace Herald.Storage;

/// <summary>An event ready to store: its line, what enrichment found, the decision, and its IntelMQ JSON (without raw).</summary>
public sealed record PreparedEvent(long Line, EnrichedEvent Event, Directive Directive, string Json);

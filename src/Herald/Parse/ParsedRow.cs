using Herald.Events;

namespace Herald.Parse;

/// <summary>What one row of a report became: an event, or a rejection.</summary>
public readonly record struct ParsedRow(long Line, Event? Event, Rejection? Rejection);

using Herald.Events;

namespace Herald.Forward;

/// <summary>One forwarded case: the stored event (raw line included) and the member organisation it concerns, if known.</summary>
public sealed record ForwardedCase(long EventId, Event Event, string? OrganisationName, string? KvkNumber);

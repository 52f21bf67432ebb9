using Herald.Enrich;

namespace Herald.Decide;

/// <summary>Decides what happens with one enriched event.</summary>
public interface IDecider
{
    Directive Decide(EnrichedEvent e);
}

using System.Buffers;
using System.Text;
using Herald.Events;

namespace Herald.Forward;

/// <summary>
/// Forwarded cases as IntelMQ JSON, one event per line, written by the same writer as <c>herald parse --format
/// intelmq</c> (raw line in base64 included), so a partner's IntelMQ reads them with its JSON parser. Herald adds
/// <c>extra.herald.reference</c> and, when known, <c>extra.herald.organisation</c> and <c>extra.herald.kvk</c>.
/// </summary>
internal sealed class ForwardIntelMq(string reference) : IForwardFormat
{
    public const string ReferenceKey = "herald.reference";
    public const string OrganisationKey = "herald.organisation";
    public const string KvkKey = "herald.kvk";

    public string MediaType => "application/x-ndjson";

    public void Case(IBufferWriter<byte> output, ForwardedCase c) =>
        Encoding.UTF8.GetBytes(IntelMqJson.Write(WithHeraldFields(reference, c)) + "\n", output);

    /// <summary>The event as forwarded: the stored one plus Herald's reference and the member organisation.</summary>
    public static Event WithHeraldFields(string reference, ForwardedCase c)
    {
        var extra = new SortedDictionary<string, object>(c.Event.Extra, StringComparer.Ordinal) { [ReferenceKey] = reference };
        if (c.OrganisationName is { } name) extra[OrganisationKey] = name;
        if (c.KvkNumber is { } kvk) extra[KvkKey] = kvk;
        return c.Event with { Extra = extra };
    }
}

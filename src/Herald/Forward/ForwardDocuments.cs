using System.Text.Json;
using Herald.Notify;
using Herald.Parse.Xarf;
using Herald.Storage;

namespace Herald.Forward;

/// <summary>
/// Writes a forward's document in the partner's format and checks it before anything leaves: every X-ARF report
/// against the published X-ARF v4 schemas, and the size against <see cref="ForwardOptions.MaxDocumentBytes"/>.
/// A document that fails is never sent; the refusal says why.
/// </summary>
public sealed class ForwardDocuments(ServiceOptions service, ForwardOptions options, Func<XarfSchemas> xarfSchemas)
{
    private readonly ForwardXarf _xarf = new(service);

    /// <summary>The document, or null with the reason it may not be sent.</summary>
    public ForwardDocument? Write(ForwardFormat format, string reference, DateTimeOffset createdAt, IReadOnlyList<ForwardedCase> cases,
        out string? refusal)
    {
        refusal = null;
        var document = format switch
        {
            ForwardFormat.Csv => ForwardCsv.Write(reference, cases),
            ForwardFormat.IntelMqJson => ForwardIntelMq.Write(reference, cases),
            ForwardFormat.Xarf => _xarf.Write(reference, createdAt, cases),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
        };
        if (format == ForwardFormat.Xarf) refusal = CheckXarf(document, cases);
        if (refusal is null && document.Content.Length > options.MaxDocumentBytes)
            refusal = $"the {FormatName(format)} document is {document.Content.Length} bytes, more than the limit of {options.MaxDocumentBytes} bytes";
        return refusal is null ? document : null;
    }

    /// <summary>The attachment's (or posted document's) file name.</summary>
    public static string FileName(ForwardFormat format, string reference) => format switch
    {
        ForwardFormat.Csv => $"{reference}-cases.csv",
        ForwardFormat.IntelMqJson => $"{reference}-intelmq.jsonl",
        ForwardFormat.Xarf => $"{reference}-xarf.json",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    public static string FormatName(ForwardFormat format) => format switch
    {
        ForwardFormat.Csv => "CSV",
        ForwardFormat.IntelMqJson => "IntelMQ JSON",
        ForwardFormat.Xarf => "X-ARF v4",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    private string? CheckXarf(ForwardDocument document, IReadOnlyList<ForwardedCase> cases)
    {
        XarfSchemas schemas;
        try
        {
            schemas = xarfSchemas();
        }
        catch (InvalidOperationException ex)
        {
            return $"X-ARF reports cannot be checked, so none are sent: {ex.Message}";
        }
        using var array = JsonDocument.Parse(document.Content);
        var i = 0;
        foreach (var report in array.RootElement.EnumerateArray())
        {
            var errors = schemas.Validate(report);
            if (errors.Count > 0)
            {
                var e = cases[i].Event;
                // The master schema's list of allowed category/type pairs fails on every pair but one: those come last.
                var telling = errors.OrderBy(m => m.EndsWith("(const)", StringComparison.Ordinal) || m.EndsWith("(enum)", StringComparison.Ordinal) ? 1 : 0);
                return $"the X-ARF report for event {cases[i].EventId} ({e.SourceIp?.ToString() ?? e.HostName}) is not valid X-ARF v4: {string.Join("; ", telling.Take(5))}";
            }
            i++;
        }
        return null;
    }
}

using System.Buffers;
using System.Text.Json;
using Herald.Notify;
using Herald.Parse.Xarf;
using Herald.Storage;

namespace Herald.Forward;

/// <summary>
/// Writes a forward's document in the partner's format, one case at a time into a temporary file, and checks it
/// before anything leaves: every X-ARF report against the published X-ARF v4 schemas, and the size against
/// <see cref="ForwardOptions.MaxDocumentBytes"/>. A forward of any number of cases never holds more than one case in
/// memory. A document that fails is never sent; the refusal says why.
/// </summary>
public sealed class ForwardDocuments(ServiceOptions service, ForwardOptions options, Func<XarfSchemas> xarfSchemas)
{
    private const int FlushBytes = 1 << 16;

    /// <summary>The document, or null with the reason it may not be sent; the caller disposes the document.</summary>
    public async Task<(ForwardDocument? Document, string? Refusal)> WriteAsync(ForwardFormat format, string reference,
        DateTimeOffset createdAt, IAsyncEnumerable<ForwardedCase> cases, CancellationToken cancellationToken)
    {
        IForwardFormat writer = format switch
        {
            ForwardFormat.Csv => new ForwardCsv(reference),
            ForwardFormat.IntelMqJson => new ForwardIntelMq(reference),
            ForwardFormat.Xarf => new ForwardXarf(service, reference, createdAt),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
        };
        XarfSchemas? schemas = null;
        if (format == ForwardFormat.Xarf)
        {
            try
            {
                schemas = xarfSchemas();
            }
            catch (UserException ex)
            {
                return (null, $"X-ARF reports cannot be checked, so none are sent: {ex.Message}");
            }
        }

        var file = TemporaryFile.Create(reference, Path.GetExtension(FileName(format, reference))[1..]);
        try
        {
            var pending = new ArrayBufferWriter<byte>(FlushBytes * 2);
            var single = new ArrayBufferWriter<byte>(4096);
            long length = 0;
            var count = 0;
            writer.Begin(pending);
            await foreach (var c in cases.WithCancellation(cancellationToken))
            {
                single.ResetWrittenCount();
                writer.Case(single, c);
                if (schemas is not null && CheckXarf(schemas, single.WrittenMemory, c) is { } invalid) return await RefuseAsync(file, invalid);
                if (count++ > 0) writer.Between(pending);
                pending.Write(single.WrittenSpan);
                if (pending.WrittenCount >= FlushBytes) length += await FlushAsync(pending, file, length, cancellationToken);
            }
            if (count == 0) return await RefuseAsync(file, "no cases are linked to this forward");
            writer.End(pending);
            length += await FlushAsync(pending, file, length, cancellationToken);
            // Counted to the end, so the refusal says how large the document would have been.
            if (length > options.MaxDocumentBytes)
                return await RefuseAsync(file, $"the {FormatName(format)} document is {length} bytes, more than the limit of {options.MaxDocumentBytes} bytes");
            await file.FlushAsync(cancellationToken);
            file.Position = 0;
            return (new ForwardDocument(file, writer.MediaType, FileName(format, reference)), null);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
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

    /// <summary>Writes what is pending to the file while it is within the limit (past it, only the length counts).</summary>
    private async Task<long> FlushAsync(ArrayBufferWriter<byte> pending, FileStream file, long written, CancellationToken cancellationToken)
    {
        var count = pending.WrittenCount;
        if (written + count <= options.MaxDocumentBytes) await file.WriteAsync(pending.WrittenMemory, cancellationToken);
        pending.ResetWrittenCount();
        return count;
    }

    private static async Task<(ForwardDocument?, string?)> RefuseAsync(FileStream file, string refusal)
    {
        await file.DisposeAsync();
        return (null, refusal);
    }

    private static string? CheckXarf(XarfSchemas schemas, ReadOnlyMemory<byte> report, ForwardedCase c)
    {
        using var parsed = JsonDocument.Parse(report);
        var errors = schemas.Validate(parsed.RootElement);
        if (errors.Count == 0) return null;
        // The master schema's list of allowed category/type pairs fails on every pair but one: those come last.
        var telling = errors.OrderBy(m => m.EndsWith("(const)", StringComparison.Ordinal) || m.EndsWith("(enum)", StringComparison.Ordinal) ? 1 : 0);
        var e = c.Event;
        return $"the X-ARF report for event {c.EventId} ({e.SourceIp?.ToString() ?? e.HostName}) is not valid X-ARF v4: {string.Join("; ", telling.Take(5))}";
    }
}

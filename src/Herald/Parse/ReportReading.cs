using Herald.Parse.Mapping;
using Microsoft.EntityFrameworkCore;

namespace Herald.Parse;

/// <summary>How a report was read (its format and, for partner data, the mapping's YAML), so quarantined rows are read again the same way.</summary>
public sealed class ReportReading
{
    public long ReportId { get; set; }

    /// <summary>The format's name (<see cref="ReportFormats.Name"/>).</summary>
    public required string Format { get; set; }

    /// <summary>The column mapping's YAML, for <see cref="ReportFormat.Mapped"/>.</summary>
    public string? Mapping { get; set; }

    /// <summary>Whether the report's first line is a CSV header (Shadowserver, a CSV mapping) rather than data.</summary>
    public bool HasHeader() => ReportFormats.Parse(Format) switch
    {
        ReportFormat.Shadowserver => true,
        ReportFormat.Mapped => Mapping is not null && MappingLoader.Load(Mapping, "the mapping").Format == MappingFormat.Csv,
        _ => false,
    };

    /// <summary>What a parser reads, as a reading to keep.</summary>
    public static ReportReading Of(long reportId, IReportParser parser) => parser switch
    {
        MappedParser mapped => new ReportReading { ReportId = reportId, Format = ReportFormats.Name(ReportFormat.Mapped), Mapping = mapped.Mapping.Text },
        IntelMqJsonParser => new ReportReading { ReportId = reportId, Format = ReportFormats.Name(ReportFormat.IntelMq) },
        Xarf.XarfParser => new ReportReading { ReportId = reportId, Format = ReportFormats.Name(ReportFormat.Xarf) },
        _ => new ReportReading { ReportId = reportId, Format = ReportFormats.Name(ReportFormat.Shadowserver) },
    };

    /// <summary>How a source's reports are read: its configured format and, for <see cref="ReportFormat.Mapped"/>, its mapping.</summary>
    public static ReportReading Of(Storage.Source source) => new() { Format = source.Format, Mapping = source.Mapping };

    /// <summary>How a stored report was read; reports stored before readings were kept are Shadowserver reports.</summary>
    public static async Task<ReportReading> FindAsync(Storage.HeraldDb db, long reportId, CancellationToken cancellationToken) =>
        await db.ReportReadings.AsNoTracking().FirstOrDefaultAsync(r => r.ReportId == reportId, cancellationToken)
        ?? new ReportReading { ReportId = reportId, Format = ReportFormats.Name(ReportFormat.Shadowserver) };

    /// <summary>Records how a report was read, once (a report read again keeps its first reading).</summary>
    public static async Task RecordAsync(Storage.HeraldDb db, long reportId, IReportParser parser, CancellationToken cancellationToken)
    {
        if (await db.ReportReadings.AnyAsync(r => r.ReportId == reportId, cancellationToken)) return;
        db.ReportReadings.Add(Of(reportId, parser));
        await db.SaveChangesAsync(cancellationToken);
    }
}

using Herald.Parse.Mapping;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Collect.Upload;

/// <summary>Adds and changes sources, checking their settings, with an audit entry for every change.</summary>
public sealed class SourceCatalog(TimeProvider time)
{
    /// <summary>The formats a source can declare; each has a parser for uploads and collectors.</summary>
    public static readonly IReadOnlyList<string> Formats = ["shadowserver", "intelmq", "xarf", "mapped"];

    private static readonly string[] Reliabilities = ["A", "B", "C", "D", "E", "F"];

    /// <summary>Adds the source, or changes the given settings of an existing one; returns it and whether it is new.</summary>
    public async Task<(Source Source, bool IsNew)> SaveAsync(HeraldDb db, string name, SourceSettings settings, string actor,
        CancellationToken cancellationToken)
    {
        var problems = Check(name, settings);
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems));
        var source = await db.Sources.FirstOrDefaultAsync(s => s.Name == name, cancellationToken);
        var isNew = source is null;
        // A mapping makes the format "mapped"; any other format drops the mapping.
        var format = settings.Mapping is not null ? "mapped" : settings.Format?.ToLowerInvariant() ?? source?.Format ?? "shadowserver";
        var mapping = format == "mapped" ? settings.Mapping ?? source?.Mapping : null;
        if (format == "mapped" && mapping is null) throw new ArgumentException("format mapped needs a column mapping (--mapping <file>)");
        source ??= db.Sources.Add(new Source { Name = name, CreatedAt = time.GetUtcNow() }).Entity;
        (source.Format, source.Mapping) = (format, mapping);
        if (settings.ReportType is { } type) source.ReportType = type.Length == 0 ? null : type;
        if (settings.Reliability is { } reliability) source.Reliability = reliability.ToUpperInvariant();
        if (settings.RequiredFields is { } fields) source.RequiredFields = string.Join(',', fields);
        if (settings.MaxAge is { } age) source.MaxAge = age == TimeSpan.Zero ? null : age;
        if (settings.MinConstituencyShare is { } share) source.MinConstituencyShare = share == 0 ? null : share;
        db.Audit.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            Actor = actor,
            Action = isNew ? "source.added" : "source.changed",
            Subject = name,
            Detail = Describe(source),
        });
        await db.SaveChangesAsync(cancellationToken);
        return (source, isNew);
    }

    /// <summary>One line about a source's format and criteria, for lists and the audit log.</summary>
    public static string Describe(Source s) =>
        $"format {s.Format}{(s.Mapping is null ? "" : $" (mapping {MappingName(s.Mapping)})")}{(s.ReportType is null ? "" : $" ({s.ReportType})")}, reliability {s.Reliability}, " +
        $"required [{s.RequiredFields}], max age {(s.MaxAge is { } a ? Durations.Format(a) : "any")}, " +
        $"min share inside constituency {(s.MinConstituencyShare is { } m ? m.ToString("P0", System.Globalization.CultureInfo.InvariantCulture) : "none")}";

    private static List<string> Check(string name, SourceSettings s)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100 || name.Any(c => char.IsControl(c)))
            problems.Add("a source name is 1 to 100 characters without control characters");
        if (s.Format is { } f && !Formats.Contains(f, StringComparer.OrdinalIgnoreCase))
            problems.Add($"format '{f}' is not one of {string.Join(", ", Formats)}");
        if (s.Mapping is { } mapping)
        {
            if (s.Format is { } other && !other.Equals("mapped", StringComparison.OrdinalIgnoreCase))
                problems.Add($"a column mapping is read only for format mapped, not {other}");
            try
            {
                MappingLoader.Load(mapping, "the mapping");
            }
            catch (InvalidMappingException ex)
            {
                problems.Add(ex.Message);
            }
        }
        if (s.Reliability is { } r && !Reliabilities.Contains(r, StringComparer.OrdinalIgnoreCase))
            problems.Add($"reliability '{r}' is not one of A to F");
        foreach (var field in s.RequiredFields ?? [])
            if (!IsFieldName(field)) problems.Add($"'{field}' is not an IntelMQ field name (such as source.port or extra.tag)");
        if (s.MaxAge is { } age && age < TimeSpan.Zero) problems.Add("the maximum age cannot be negative");
        if (s.MinConstituencyShare is { } share && share is < 0 or > 1) problems.Add("the share inside the constituency is between 0 and 1");
        return problems;
    }

    private static string MappingName(string mapping)
    {
        try
        {
            return MappingLoader.Load(mapping, "the mapping").Name;
        }
        catch (InvalidMappingException)
        {
            return "(not valid)";
        }
    }

    private static bool IsFieldName(string name) =>
        name.Length is > 0 and <= 100 && name[0] != '.' && name[^1] != '.' && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '.');
}

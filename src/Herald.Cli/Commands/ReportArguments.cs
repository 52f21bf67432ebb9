using System.CommandLine;
using Herald.Parse;
using Herald.Parse.Mapping;

namespace Herald.Cli.Commands;

/// <summary>The arguments every command that reads one report shares, and the parser they choose.</summary>
internal static class ReportArguments
{
    public static Argument<FileInfo> File() => new("file") { Description = "The report file (Shadowserver CSV, IntelMQ JSON lines, X-ARF JSON, or a partner's CSV/JSON with --mapping)" };

    public static Option<string?> Type() =>
        new("--type") { Description = "The Shadowserver report type, when the file name does not tell it" };

    /// <summary>The report's input format; auto tells it from the file's first bytes.</summary>
    public static Option<string> Format(string name)
    {
        var option = new Option<string>(name)
        {
            Description = "The report's format: auto (from its first bytes), shadowserver, intelmq or xarf",
            DefaultValueFactory = _ => "auto",
        };
        option.AcceptOnlyFromAmong(ReportFormats.InputNames);
        return option;
    }

    /// <summary>A declarative column mapping for a partner's own CSV or JSON (docs/mapping-format.md).</summary>
    public static Option<FileInfo?> Mapping() =>
        new("--mapping") { Description = "A column mapping (YAML, docs/mapping-format.md) that reads a partner's own CSV or JSON" };

    /// <summary>The format the user gave, or the one the file's first bytes tell.</summary>
    public static ReportFormat ResolveFormat(FileInfo path, string name)
    {
        var format = ReportFormats.Parse(name);
        if (format != ReportFormat.Auto) return format;
        using var content = path.OpenRead();
        return ReportFormats.Detect(content);
    }

    /// <summary>The parser for a report: through the mapping when one is given, otherwise for the format given or told from the file.</summary>
    /// <exception cref="UserException">The mapping does not exist or is not valid, or the format's prerequisite (a schema) is missing.</exception>
    public static IReportParser Parser(HeraldRuntime runtime, FileInfo path, string format, FileInfo? mapping)
    {
        if (mapping is null) return runtime.CreateParser(ResolveFormat(path, format));
        OperatorFiles.Require(mapping);
        try
        {
            return runtime.CreateParser(ReportFormat.Mapped, MappingLoader.LoadFile(mapping.FullName));
        }
        catch (InvalidMappingException ex)
        {
            throw new UserException(ex.Message, ex);
        }
    }
}

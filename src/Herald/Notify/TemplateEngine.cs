using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Values;
using Fluid.Ast;
using Fluid.Parser;

namespace Herald.Notify;

/// <summary>
/// Fluid (Liquid) set up for warning templates: a <c>{% section name %}</c> block with which issue templates
/// hand their texts to the layout, snake_case member names, and a step limit so no template can loop forever.
/// A template's <c>"now"</c> is the moment given to the render (the composer's clock), in UTC; never the machine's clock or zone.
/// </summary>
public static class TemplateEngine
{
    private const string SectionsKey = "herald.sections";

    public static FluidParser Parser { get; } = CreateParser();

    public static TemplateOptions Options { get; } = CreateOptions();

    /// <summary>Parses a template; the error names the line and column.</summary>
    public static bool TryParse(string source, out IFluidTemplate? template, out string? error)
    {
        var parsed = Parser.TryParse(source, out var t, out error);
        template = parsed ? t : null;
        return parsed;
    }

    /// <summary>Renders a layout with the given encoder (HTML encoding for the HTML part, none for text).</summary>
    public static string Render(IFluidTemplate template, object model, DateTimeOffset now, TextEncoder encoder, params (string Name, object Value)[] values)
    {
        var context = Context(model, now);
        foreach (var (name, value) in values) context.SetValue(name, FluidValue.Create(value, Options));
        return template.Render(context, encoder);
    }

    /// <summary>
    /// Renders a layout onto the end of <paramref name="output"/>, with its leading and trailing white space left
    /// out: the parts of a message are written into one buffer instead of each into a string of its own.
    /// </summary>
    public static void RenderTrimmed(IFluidTemplate template, object model, DateTimeOffset now, TextEncoder encoder, StringBuilder output)
    {
        var start = output.Length;
        var pending = template.RenderAsync(new StringWriter(output, CultureInfo.InvariantCulture), encoder, Context(model, now));
        // Templates here read only in-memory models: rendering completes synchronously (no include, no async filter).
        if (!pending.IsCompletedSuccessfully) throw new InvalidOperationException("A warning template did not render synchronously.");
        var end = output.Length;
        while (end > start && char.IsWhiteSpace(output[end - 1])) end--;
        output.Length = end;
        var first = start;
        while (first < end && char.IsWhiteSpace(output[first])) first++;
        if (first > start) output.Remove(start, first - start);
    }

    /// <summary>Renders an issue template as plain text and returns its sections (title, seen, why, todo).</summary>
    public static Dictionary<string, string> RenderSections(IFluidTemplate template, object model, DateTimeOffset now, params (string Name, object Value)[] values)
    {
        var context = Context(model, now);
        foreach (var (name, value) in values) context.SetValue(name, FluidValue.Create(value, Options));
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        context.AmbientValues[SectionsKey] = sections;
        template.Render(context, NullEncoder.Default);
        return sections;
    }

    /// <summary>
    /// True when a template holds nothing but text, comments and sections of text: it renders the same for every
    /// model, so its output can be kept (all shipped issue templates are such).
    /// </summary>
    public static bool IsTextOnly(IFluidTemplate template) =>
        template is FluidTemplate { Statements: var statements } && statements.All(s => s switch
        {
            TextSpanStatement or CommentStatement => true,
            ParserBlockStatement<string> section => section.Statements.All(inner => inner is TextSpanStatement),
            _ => false,
        });

    private static TemplateContext Context(object model, DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        return new TemplateContext(model, Options) { Now = () => utc };
    }

    private static FluidParser CreateParser()
    {
        var parser = new FluidParser(new FluidParserOptions { AllowFunctions = false });
        parser.RegisterIdentifierBlock("section", static async (name, statements, _, encoder, context) =>
        {
            if (!context.AmbientValues.TryGetValue(SectionsKey, out var value) || value is not Dictionary<string, string> sections)
                throw new InvalidOperationException("'section' is only allowed in issue templates.");
            using var writer = new StringWriter(CultureInfo.InvariantCulture);
            foreach (var statement in statements) await statement.WriteToAsync(writer, encoder, context);
            sections[name] = writer.ToString().Trim();
            return Completion.Normal;
        });
        return parser;
    }

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions
        {
            MaxSteps = 200_000,
            MaxRecursion = 20,
            CultureInfo = CultureInfo.InvariantCulture,
            TimeZone = TimeZoneInfo.Utc,
        };
        options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.SnakeCase;
        options.MemberAccessStrategy.Register<WarningModel>();
        options.MemberAccessStrategy.Register<ServiceModel>();
        options.MemberAccessStrategy.Register<RecipientModel>();
        options.MemberAccessStrategy.Register<IssueModel>();
        options.MemberAccessStrategy.Register<AssetModel>();
        return options;
    }
}

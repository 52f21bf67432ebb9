namespace Herald.Notify;

/// <summary>What a template file is for; each kind has its own lint rules and encoder.</summary>
public enum TemplateKind
{
    /// <summary>An issue text (<c>issues/&lt;key&gt;.&lt;lang&gt;.liquid</c>): sections title, seen, why and todo, plain text.</summary>
    Issue,

    /// <summary>The subject line (<c>layout/subject.&lt;lang&gt;.liquid</c>).</summary>
    Subject,

    /// <summary>The plain-text part (<c>layout/text.&lt;lang&gt;.liquid</c>).</summary>
    Text,

    /// <summary>The HTML part (<c>layout/html.&lt;lang&gt;.liquid</c>), rendered with the HTML encoder.</summary>
    Html,
}

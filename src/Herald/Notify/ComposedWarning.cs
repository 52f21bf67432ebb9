namespace Herald.Notify;

/// <summary>
/// A rendered warning: subject, plain-text and HTML body in the chosen languages and, with many assets, whether the
/// CSV of them all is attached (it is written when the message is made, see <see cref="WarningAttachment"/>).
/// </summary>
public sealed record ComposedWarning(string Subject, string Text, string Html, bool Attachment, IReadOnlyList<string> Languages);

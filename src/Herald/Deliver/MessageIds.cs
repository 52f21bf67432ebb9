namespace Herald.Deliver;

/// <summary>
/// Message-IDs derived from a warning's reference: <c>hrld-2026-000123@sender-domain</c>, and
/// <c>hrld-2026-000123.2@sender-domain</c> once a hard bounce has moved it to a second contact. The same for
/// every attempt, so a resend after a crash is recognisable, and a bounce or reply leads back to the warning.
/// </summary>
public static class MessageIds
{
    public static string ForReference(string reference, string senderAddress) =>
        $"{reference.ToLowerInvariant()}@{Domain(senderAddress)}";

    /// <summary>The Message-ID for the <paramref name="contactNumber"/>th contact tried (1 for the first).</summary>
    public static string ForContact(string reference, string senderAddress, int contactNumber) => contactNumber <= 1
        ? ForReference(reference, senderAddress)
        : $"{reference.ToLowerInvariant()}.{contactNumber}@{Domain(senderAddress)}";

    /// <summary>The reference a Message-ID of ours carries (upper case), or null for one that is not ours.</summary>
    public static string? ReferenceOf(string? messageId, string senderAddress)
    {
        if (string.IsNullOrEmpty(messageId)) return null;
        var id = messageId.Trim().Trim('<', '>');
        var at = id.LastIndexOf('@');
        if (at <= 0 || !id.AsSpan(at + 1).Equals(Domain(senderAddress), StringComparison.OrdinalIgnoreCase)) return null;
        var local = id.AsSpan(0, at);
        var dot = local.IndexOf('.');
        if (dot >= 0) local = local[..dot];
        return local.ToString().ToUpperInvariant();
    }

    /// <summary>The contact number a Message-ID of ours carries (1 when it has none).</summary>
    public static int ContactNumberOf(string messageId)
    {
        var id = messageId.Trim('<', '>');
        var at = id.LastIndexOf('@');
        var local = at < 0 ? id : id[..at];
        var dot = local.IndexOf('.', StringComparison.Ordinal);
        return dot >= 0 && int.TryParse(local.AsSpan(dot + 1), System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 1;
    }

    public static string Domain(string address) => address[(address.LastIndexOf('@') + 1)..];
}

namespace Herald.Storage;

/// <summary>How forwarded cases reach a partner.</summary>
public enum PartnerChannel
{
    Email,
    HttpsPost,
}

namespace Herald.Storage;

/// <summary>An e-mail address or phone number, with where it came from and when it was verified.</summary>
public sealed class Contact
{
    public long Id { get; set; }
    public long OrganisationId { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }

    /// <summary>Preferred languages, comma separated (e.g. "nl,en").</summary>
    public string Languages { get; set; } = "nl,en";

    public string Origin { get; set; } = "registry";
    public DateTimeOffset? VerifiedAt { get; set; }
}

namespace Herald.Storage;

/// <summary>A national CSIRT, CERT or liaison organisation that receives forwarded cases for its constituents.</summary>
public sealed class Partner
{
    public long Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public PartnerKind Kind { get; set; }
    public required string Email { get; set; }

    /// <summary>How cases are forwarded: e-mail to <see cref="Email"/>, or an HTTPS POST to <see cref="Endpoint"/>.</summary>
    public PartnerChannel Channel { get; set; }

    /// <summary>The HTTPS URL cases are posted to, for <see cref="PartnerChannel.HttpsPost"/>.</summary>
    public string? Endpoint { get; set; }

    public ForwardFormat Format { get; set; }

    /// <summary>Sectors the partner covers beyond its members, <c>;</c>-separated (e.g. <c>zorg</c>).</summary>
    public string? Sectors { get; set; }

    /// <summary>AS numbers the partner covers, <c>;</c>-separated.</summary>
    public string? Asns { get; set; }
}

namespace Herald.SecurityTxt;

/// <summary>Where a security.txt file was found.</summary>
public enum SecurityTxtLocation
{
    /// <summary>Nowhere: neither location answered with a file.</summary>
    NotFound,
    /// <summary><c>/.well-known/security.txt</c>, where RFC 9116 puts it.</summary>
    WellKnown,
    /// <summary><c>/security.txt</c>, the legacy place (reported as <c>location</c>).</summary>
    Legacy,
    /// <summary>Content given directly (a file, standard input), validated as if fetched correctly.</summary>
    Content,
}

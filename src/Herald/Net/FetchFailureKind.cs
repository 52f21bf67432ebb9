namespace Herald.Net;

/// <summary>Why a fetch produced no response.</summary>
public enum FetchFailureKind
{
    /// <summary>The address (or every address of the host) is not one Herald may connect to.</summary>
    Refused,
    /// <summary>The URL or a redirect target uses a scheme that is not allowed (http without permission, ftp, ...).</summary>
    SchemeNotAllowed,
    TooManyRedirects,
    /// <summary>The server's TLS certificate did not validate.</summary>
    InvalidCertificate,
    /// <summary>The body is larger than the limit.</summary>
    TooLarge,
    Timeout,
    /// <summary>Name resolution, connection or protocol failures.</summary>
    Network,
}

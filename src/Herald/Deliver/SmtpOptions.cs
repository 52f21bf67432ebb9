namespace Herald.Deliver;

/// <summary>The SMTP relay warnings go through; without it they go to the pickup folder.</summary>
public sealed record SmtpOptions
{
    public required string Host { get; init; }
    public int Port { get; init; } = 587;
    public TransportSecurity Security { get; init; } = TransportSecurity.StartTls;
    public string? User { get; init; }

    /// <summary>Never logged or shown.</summary>
    public string? Password { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The settings without the password, for logs and errors.</summary>
    public override string ToString() =>
        $"{nameof(SmtpOptions)} {{ Host = {Host}, Port = {Port}, Security = {Security}, User = {User}, Password = {(Password is null ? "not set" : "set")} }}";

    /// <summary>Throws for a configuration that must not run: no TLS to a relay that is not on loopback, a password without a user.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host)) throw new InvalidOperationException("The SMTP relay needs a host.");
        if (Port is <= 0 or > 65535) throw new InvalidOperationException($"SMTP port {Port} is not a port.");
        MailConnection.RequireTlsOffLoopback("SMTP", Host, Security);
        if (!string.IsNullOrEmpty(Password) && string.IsNullOrEmpty(User))
            throw new InvalidOperationException("An SMTP password was given without a user.");
    }
}

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

    /// <summary>What keeps these settings from running: no TLS to a relay off loopback, a password without a user, ...</summary>
    public IEnumerable<(string Key, string Problem)> Problems() =>
        MailConnection.Problems("Delivery:Smtp", Host, Port, Security, User, Password, Timeout);

    /// <exception cref="UserException">The first of <see cref="Problems"/>.</exception>
    public void Validate() => UserException.ThrowFirst(Problems());
}

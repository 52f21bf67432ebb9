using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MimeKit;

namespace Herald.Signing;

/// <summary>
/// Signs outgoing messages with DKIM (RFC 6376, relaxed/relaxed, SHA-256) with the service's key. The message is
/// written once as it will be sent: the header block is kept and the body is canonicalised and hashed as it passes.
/// RSA signatures are made by the platform's RSA (OpenSSL); Ed25519 (RFC 8463) by BouncyCastle.
/// </summary>
public sealed class DkimMessageSigner
{
    /// <summary>The headers signed: those a reader sees and those that tie the message to its warning.</summary>
    public static readonly string[] SignedHeaders = ["from", "to", "subject", "date", "message-id", "mime-version", "content-type"];

    /// <summary>Signed once more than they occur, so that no second From, To or Subject can be added unnoticed.</summary>
    public static readonly string[] Oversigned = ["from", "to", "subject"];

    /// <summary>As MailKit writes a message to the relay: CRLF line ends, no international (UTF-8) headers.</summary>
    private static readonly FormatOptions Wire = CreateWireFormat();

    private readonly DkimKey _key;
    private readonly string _domain;
    private readonly string _selector;
    private readonly TimeProvider _time;

    private DkimMessageSigner(DkimKey key, string domain, string selector, TimeProvider time)
    {
        _key = key;
        _domain = domain;
        _selector = selector;
        _time = time;
    }

    /// <summary>The a= value: rsa-sha256 or ed25519-sha256.</summary>
    public string Algorithm => _key.Algorithm;

    /// <summary>A signer for the PEM key at <paramref name="keyPath"/>; the algorithm follows the key.</summary>
    public static DkimMessageSigner Load(string keyPath, string domain, string selector, TimeProvider? time = null)
    {
        if (!Net.HostNames.IsDnsName(domain)) throw new UserException($"Signing:Dkim:Domain: '{domain}' is not a domain name");
        if (!Net.HostNames.IsDnsName(selector)) throw new UserException($"Signing:Dkim:Selector: '{selector}' is not a DNS label");
        return new DkimMessageSigner(DkimKey.FromPem(File.ReadAllText(keyPath), keyPath), domain, selector, time ?? TimeProvider.System);
    }

    /// <summary>Prepares the message for any transport (7-bit) and adds the DKIM-Signature header on top.</summary>
    public void SignMessage(MimeMessage message)
    {
        message.Prepare(EncodingConstraint.SevenBit);
        using var written = new DkimCanonicalStream();
        message.WriteTo(Wire, written);
        var bodyHash = Convert.ToBase64String(written.BodyHash());

        var data = new ArrayBufferWriter<byte>(2048);
        var signedHeaders = DkimHeaders.AppendSigned(written.Headers, SignedHeaders, Oversigned, data);
        // Folded after tags and inside b=: relaxed canonicalisation turns each fold into at most one space.
        var tags = $" v=1; a={_key.Algorithm}; c=relaxed/relaxed; d={_domain}; s={_selector};\r\n\t" +
                   $"t={_time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}; h={signedHeaders};\r\n\tbh={bodyHash};\r\n\tb=";
        // The signature header itself is signed with an empty b= and without its final CRLF (RFC 6376, 3.7).
        DkimHeaders.AppendRelaxed(Encoding.ASCII.GetBytes("DKIM-Signature:" + tags + "\r\n"), data);
        var signature = Convert.ToBase64String(_key.Sign(SHA256.HashData(data.WrittenSpan[..^2])));

        var raw = new StringBuilder(tags.Length + signature.Length + 16).Append(tags);
        for (var i = 0; i < signature.Length; i += 72)
            raw.Append(i == 0 ? "" : "\r\n\t").Append(signature, i, Math.Min(72, signature.Length - i));
        var header = new Header(HeaderId.DkimSignature, "");
        header.SetRawValue(Encoding.ASCII.GetBytes(raw.Append("\r\n").ToString()));
        message.Headers.Insert(0, header);
    }

    private static FormatOptions CreateWireFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        format.International = false;
        return format;
    }
}

namespace Herald.SecurityTxt;

/// <summary>
/// The parts of an OpenPGP cleartext-signed message (RFC 4880 section 7): the signed text as it is hashed
/// (dash-escapes removed, trailing spaces and tabs removed, lines joined by CRLF) and the armored signature.
/// </summary>
internal sealed record ClearSignedMessage(string SignedText, string SignatureArmor)
{
    private const string SignedHeader = "-----BEGIN PGP SIGNED MESSAGE-----";
    private const string SignatureHeader = "-----BEGIN PGP SIGNATURE-----";
    private const string SignatureFooter = "-----END PGP SIGNATURE-----";

    /// <summary>Splits <paramref name="content"/>; null with the reason when it is not a well-formed cleartext signature.</summary>
    public static ClearSignedMessage? TryParse(string content, out string? problem)
    {
        var lines = content.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var header = Array.IndexOf(lines, SignedHeader);
        if (header < 0) return Fail("no '" + SignedHeader + "' line", out problem);
        var i = header + 1;
        for (; i < lines.Length && lines[i].Length > 0; i++)
        {
            if (!lines[i].Contains(": ", StringComparison.Ordinal)) return Fail($"line {i + 1}: armor header expected ('Hash: SHA256')", out problem);
        }
        if (i == header + 1) return Fail("no 'Hash:' armor header", out problem);
        if (i >= lines.Length) return Fail("no blank line after the armor headers", out problem);
        var textStart = i + 1;
        var signature = Array.IndexOf(lines, SignatureHeader, textStart);
        if (signature < 0) return Fail("no '" + SignatureHeader + "' line", out problem);
        var footer = Array.IndexOf(lines, SignatureFooter, signature + 1);
        if (footer < 0) return Fail("no '" + SignatureFooter + "' line", out problem);
        if (Array.IndexOf(lines, SignatureHeader, signature + 1, footer - signature - 1) >= 0 || Array.IndexOf(lines, SignedHeader, header + 1) >= 0)
            return Fail("more than one signed message or signature block", out problem);
        var armor = lines[signature..(footer + 1)];
        problem = ArmorProblem(armor);
        if (problem is not null) return null;
        var text = lines[textStart..signature].Select(l => (l.StartsWith("- ", StringComparison.Ordinal) ? l[2..] : l).TrimEnd(' ', '\t'));
        return new ClearSignedMessage(string.Join("\r\n", text), string.Join("\n", armor) + "\n");
    }

    // Armor: optional "Key: value" headers, a blank line, base64 lines, an optional "=" CRC-24 line (RFC 4880 section 6).
    private static string? ArmorProblem(string[] armor)
    {
        var i = 1;
        while (i < armor.Length - 1 && armor[i].Contains(": ", StringComparison.Ordinal)) i++;
        if (i >= armor.Length - 1 || armor[i].Trim().Length != 0) return "no blank line after the signature's armor headers";
        var body = armor[(i + 1)..^1].Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        string? checksum = null;
        if (body.Count > 0 && body[^1].StartsWith('=') && body[^1].Length == 5)
        {
            checksum = body[^1][1..];
            body.RemoveAt(body.Count - 1);
        }
        var data = new byte[body.Sum(l => l.Length)];
        if (body.Count == 0 || !Convert.TryFromBase64String(string.Concat(body), data, out var length)) return "the signature is not valid base64";
        if (checksum is null) return null;
        var crc = new byte[3];
        if (!Convert.TryFromBase64String(checksum, crc, out var crcLength) || crcLength != 3) return "the armor checksum is not valid base64";
        var expected = (crc[0] << 16) | (crc[1] << 8) | crc[2];
        return Crc24(data.AsSpan(0, length)) == expected ? null : "the armor checksum does not match";
    }

    private static int Crc24(ReadOnlySpan<byte> data)
    {
        var crc = 0xB704CE;
        foreach (var b in data)
        {
            crc ^= b << 16;
            for (var bit = 0; bit < 8; bit++)
            {
                crc <<= 1;
                if ((crc & 0x1000000) != 0) crc ^= 0x1864CFB;
            }
        }
        return crc & 0xFFFFFF;
    }

    private static ClearSignedMessage? Fail(string reason, out string? problem)
    {
        problem = reason;
        return null;
    }
}

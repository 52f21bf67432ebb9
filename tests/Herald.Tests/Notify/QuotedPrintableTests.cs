using System.Text;
using Herald.Notify;
using MimeKit.Encodings;

namespace Herald.Tests.Notify;

/// <summary>Herald's quoted-printable encoder held against MimeKit's decoder and RFC 2045's rules for encoded lines.</summary>
public sealed class QuotedPrintableTests
{
    private static readonly string[] Pieces =
    [
        "a", "xyz", " ", "  ", "\t", "\r", "\n", "\r\n", "=", "é", "€", "😀", "word ", "https://herald.example/verify",
        new string('x', 70), new string('y', 80), "=3D", ".", "From ", "\0", "\x7f",
    ];

    public static TheoryData<string> Texts() =>
    [
        "", " ", "\n", "\r", "x", "x\n", "a\r\nb\nc", "ends with a space ", "a tab\t\nnext", "\r\r\n", new string('x', 74) + "é",
        new string('x', 75) + "\n" + new string('y', 76), "Geachte heer, mevrouw,\n\nWat hebben we gezien?\n  - 192.0.2.1 poort 3389/tcp, gezien op 2026-11-01 03:04 UTC\n",
    ];

    [Theory]
    [MemberData(nameof(Texts))]
    public void A_text_decodes_to_its_UTF8_with_LF_line_ends_in_lines_RFC_2045_allows(string text) => AssertEncodes(text);

    [Fact]
    public void Random_texts_of_blanks_line_ends_escapes_and_long_lines_all_decode_to_what_was_encoded()
    {
        var random = new Random(7);
        for (var n = 0; n < 20_000; n++)
        {
            var text = new StringBuilder();
            for (var k = random.Next(0, 40); k > 0; k--) text.Append(Pieces[random.Next(Pieces.Length)]);
            AssertEncodes(text.ToString());
        }
    }

    private static void AssertEncodes(string text)
    {
        var encoded = QuotedPrintable.Encode(text);
        var decoder = new QuotedPrintableDecoder();
        var decoded = new byte[decoder.EstimateOutputLength(encoded.Length)];
        var length = decoder.Decode(encoded, 0, encoded.Length, decoded);
        Assert.Equal(Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n", StringComparison.Ordinal)), decoded[..length]);
        var lines = Encoding.ASCII.GetString(encoded).Split('\n');
        Assert.Equal("", lines[^1]); // ends with a line break, soft or hard
        foreach (var line in lines)
        {
            Assert.True(line.Length <= 76, $"a line of {line.Length} characters: {line}");
            Assert.False(line.EndsWith(' ') || line.EndsWith('\t'), $"a blank at the end of '{line}'");
            Assert.All(line, c => Assert.True(c == '\t' || c is >= ' ' and <= '~', $"character {(int)c} in '{line}'"));
        }
    }
}

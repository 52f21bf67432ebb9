using System.Text;

namespace Herald.Tests.Parse;

/// <summary>Damages a file the way transfers, editors and attackers do: flipped bits, cut and doubled ranges, stray syntax.</summary>
internal static class Mutator
{
    private static readonly byte[][] Tokens =
    [
        "\""u8.ToArray(), ","u8.ToArray(), "\n"u8.ToArray(), "\r\n"u8.ToArray(), "{"u8.ToArray(), "}"u8.ToArray(),
        "["u8.ToArray(), "]"u8.ToArray(), ":"u8.ToArray(), "\\"u8.ToArray(), "\\u0000"u8.ToArray(), "null"u8.ToArray(),
        "-1"u8.ToArray(), "1e400"u8.ToArray(), "99999999999999999999"u8.ToArray(), "0.0.0.0"u8.ToArray(), "::"u8.ToArray(),
        "=cmd|' /C calc'!A0"u8.ToArray(), [0x00], [0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xEF, 0xBB, 0xBF],
        Encoding.UTF8.GetBytes(new string('[', 200)), Encoding.UTF8.GetBytes(new string('9', 400)),
    ];

    /// <summary>Applies one to four mutations chosen by <paramref name="random"/>; says which.</summary>
    public static byte[] Mutate(byte[] input, Random random, out string description)
    {
        var data = new List<byte>(input);
        var done = new List<string>();
        var count = random.Next(1, 5);
        for (var i = 0; i < count; i++) done.Add(MutateOnce(data, random));
        description = string.Join("; ", done);
        return [.. data];
    }

    private static string MutateOnce(List<byte> data, Random random)
    {
        if (data.Count == 0)
        {
            var token = Tokens[random.Next(Tokens.Length)];
            data.AddRange(token);
            return "insert into empty";
        }
        var at = random.Next(data.Count);
        switch (random.Next(8))
        {
            case 0:
                var bit = random.Next(8);
                data[at] ^= (byte)(1 << bit);
                return $"flip bit {bit} at {at}";
            case 1:
                var value = (byte)random.Next(256);
                data[at] = value;
                return $"byte {value:x2} at {at}";
            case 2:
                var length = Math.Min(random.Next(1, 64), data.Count - at);
                data.RemoveRange(at, length);
                return $"delete {length} at {at}";
            case 3:
                var copy = Math.Min(random.Next(1, 256), data.Count - at);
                data.InsertRange(random.Next(data.Count), data.GetRange(at, copy));
                return $"duplicate {copy} from {at}";
            case 4:
                var token = Tokens[random.Next(Tokens.Length)];
                data.InsertRange(at, token);
                return $"insert token {Convert.ToHexString(token[..Math.Min(token.Length, 8)])} at {at}";
            case 5:
                data.RemoveRange(at, data.Count - at);
                return $"truncate at {at}";
            case 6:
                var repeat = random.Next(1, 5000);
                data.InsertRange(at, Enumerable.Repeat(data[at], repeat));
                return $"repeat byte {data[at]:x2} {repeat} times at {at}";
            default:
                var other = random.Next(data.Count);
                (data[at], data[other]) = (data[other], data[at]);
                return $"swap {at} and {other}";
        }
    }
}

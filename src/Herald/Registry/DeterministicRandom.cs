using System.Numerics;

namespace Herald.Registry;

/// <summary>A small, fast pseudo-random generator (xoshiro256**) that gives the same sequence for a seed on every platform and .NET version.</summary>
/// <remarks>
/// For synthetic data only, never for secrets. System.Random is not used because its seeded sequence is not
/// promised to stay the same across .NET versions, and generated demo data and benchmarks must be reproducible.
/// </remarks>
public sealed class DeterministicRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public DeterministicRandom(long seed)
    {
        // SplitMix64 spreads any seed (0 included) over the 256-bit state, as the xoshiro authors recommend.
        var x = unchecked((ulong)seed);
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A number in [0, <paramref name="maxExclusive"/>), without modulo bias (Lemire's method).</summary>
    public ulong NextUInt64(ulong maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfZero(maxExclusive);
        var product = Math.BigMul(NextUInt64(), maxExclusive, out var low);
        if (low < maxExclusive)
        {
            var threshold = (0 - maxExclusive) % maxExclusive;
            while (low < threshold) product = Math.BigMul(NextUInt64(), maxExclusive, out low);
        }
        return product;
    }

    /// <summary>A number in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (int)NextUInt64((ulong)maxExclusive);
    }

    /// <summary>A number in [<paramref name="minInclusive"/>, <paramref name="maxExclusive"/>).</summary>
    public int Next(int minInclusive, int maxExclusive) => minInclusive + Next(maxExclusive - minInclusive);

    /// <summary>A number in [0, <paramref name="maxExclusive"/>); zero means the whole 128-bit range.</summary>
    public UInt128 NextUInt128(UInt128 maxExclusive)
    {
        var value = new UInt128(NextUInt64(), NextUInt64());
        return maxExclusive == UInt128.Zero ? value : value % maxExclusive;
    }

    /// <summary>A number in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>True with probability <paramref name="probability"/>.</summary>
    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

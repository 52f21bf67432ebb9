using Herald.Decide.Suppress;

namespace Herald.Tests.Decide;

/// <summary>The sighting index's compact table: every digest stored is found with its time, and no other is.</summary>
public sealed class DigestTableTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 8, 30, 15, TimeSpan.Zero);

    [Fact]
    public void Three_hundred_thousand_digests_are_all_found_with_their_times_after_every_segment_has_grown()
    {
        var random = new Random(20261129);
        var digests = Enumerable.Range(0, 300_000).Select(_ => Next(random)).ToArray();
        var table = new DigestTable();

        for (var i = 0; i < digests.Length; i++) table.Set(digests[i], At.AddSeconds(i).UtcTicks);

        Assert.Equal(digests.Length, table.Count);
        for (var i = 0; i < digests.Length; i++)
        {
            Assert.True(table.TryGet(digests[i], out var ticks), $"digest {i} is missing");
            Assert.Equal(At.AddSeconds(i).UtcTicks, ticks);
        }
        for (var i = 0; i < 10_000; i++) Assert.False(table.TryGet(Next(random), out _));
    }

    [Fact]
    public void Setting_a_digest_again_replaces_its_time_and_does_not_count_it_twice()
    {
        var table = new DigestTable();
        var digest = Next(new Random(7));

        table.Set(digest, At.UtcTicks);
        table.Set(digest, At.AddDays(3).UtcTicks);

        Assert.Equal(1, table.Count);
        Assert.True(table.TryGet(digest, out var ticks));
        Assert.Equal(At.AddDays(3).UtcTicks, ticks);
    }

    [Fact]
    public void Digests_that_differ_only_in_the_bits_that_pick_the_slot_are_kept_apart()
    {
        var table = new DigestTable();
        // Same segment (low 8 bits) and same starting slot, different stored bits: they probe past each other.
        var a = ((UInt128)1 << 64) | ((UInt128)0x1234_5678 << 32) | 0x42;
        var b = ((UInt128)2 << 64) | ((UInt128)0x1234_5678 << 32) | 0x42;

        table.Set(a, At.UtcTicks);
        table.Set(b, At.AddHours(1).UtcTicks);

        Assert.True(table.TryGet(a, out var ta));
        Assert.True(table.TryGet(b, out var tb));
        Assert.Equal((At.UtcTicks, At.AddHours(1).UtcTicks), (ta, tb));
        Assert.False(table.TryGet(((UInt128)3 << 64) | ((UInt128)0x1234_5678 << 32) | 0x42, out _));
    }

    [Fact]
    public void Times_are_kept_to_the_second()
    {
        var table = new DigestTable();
        var digest = Next(new Random(11));

        table.Set(digest, At.AddMilliseconds(750).UtcTicks);

        Assert.True(table.TryGet(digest, out var ticks));
        Assert.Equal(At.UtcTicks, ticks);
    }

    private static UInt128 Next(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(bytes);
    }
}

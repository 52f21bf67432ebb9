namespace Herald.Decide.Suppress;

/// <summary>
/// A set of 128-bit digests, each with a time to the second, in 16 bytes a slot: what <see cref="SightingIndex"/>
/// remembers of millions of keys. 104 bits of the digest are kept (8 choose one of 256 segments, 96 are stored), so
/// two different digests are taken for one with odds near n²/2¹⁰⁵, below one in 10¹⁷ for ten million keys.
/// </summary>
/// <remarks>
/// Open addressing with linear probing, in 256 segments that each grow by half on their own when three quarters
/// full: growing never copies more than one segment at a time, and a segment just grown is half full (doubling
/// would leave it three eighths full), so memory follows the number of keys closely. A slot is empty while its time is zero; times are stored as seconds since 2000 plus one.
/// </remarks>
internal sealed class DigestTable
{
    private const int Segments = 256;
    private const int InitialSlots = 256;

    private static readonly long Epoch = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;

    private readonly Slot[][] _slots = new Slot[Segments][];
    private readonly int[] _counts = new int[Segments];

    public DigestTable()
    {
        for (var i = 0; i < Segments; i++) _slots[i] = new Slot[InitialSlots];
    }

    public long Count => _counts.Sum(c => (long)c);

    /// <summary>The time stored with <paramref name="digest"/> (to the second, rounded down), as UTC ticks.</summary>
    public bool TryGet(UInt128 digest, out long utcTicks)
    {
        var slots = _slots[Segment(digest)];
        var (high, low) = Stored(digest);
        for (var i = Start(low, slots.Length); ; i = Next(i, slots.Length))
        {
            ref var slot = ref slots[i];
            if (slot.Time == 0) break;
            if (slot.High == high && slot.Low == low)
            {
                utcTicks = Epoch + (slot.Time - 1L) * TimeSpan.TicksPerSecond;
                return true;
            }
        }
        utcTicks = 0;
        return false;
    }

    /// <summary>Stores <paramref name="utcTicks"/> with <paramref name="digest"/>, replacing the time it had.</summary>
    public void Set(UInt128 digest, long utcTicks)
    {
        var segment = Segment(digest);
        if (Place(_slots[segment], digest, Time(utcTicks)) && ++_counts[segment] * 4L > _slots[segment].Length * 3L) Grow(segment);
    }

    /// <summary>Writes the slot; true when the digest is new.</summary>
    private static bool Place(Slot[] slots, UInt128 digest, uint time)
    {
        var (high, low) = Stored(digest);
        for (var i = Start(low, slots.Length); ; i = Next(i, slots.Length))
        {
            ref var slot = ref slots[i];
            if (slot.Time == 0)
            {
                slot = new Slot(high, low, time);
                return true;
            }
            if (slot.High == high && slot.Low == low)
            {
                slot.Time = time;
                return false;
            }
        }
    }

    private void Grow(int segment)
    {
        var old = _slots[segment];
        var grown = new Slot[old.Length + old.Length / 2];
        foreach (var slot in old)
        {
            if (slot.Time == 0) continue;
            for (var i = Start(slot.Low, grown.Length); ; i = Next(i, grown.Length))
            {
                if (grown[i].Time != 0) continue;
                grown[i] = slot;
                break;
            }
        }
        _slots[segment] = grown;
    }

    private static int Segment(UInt128 digest) => (int)((ulong)digest & (Segments - 1));

    private static (ulong High, uint Low) Stored(UInt128 digest) => ((ulong)(digest >> 64), (uint)((ulong)digest >> 32));

    /// <summary>The first slot to look at, from the stored part (so growing needs nothing else), scaled to the length.</summary>
    private static int Start(uint low, int length) => (int)(((ulong)low * (uint)length) >> 32);

    private static int Next(int i, int length) => i + 1 == length ? 0 : i + 1;

    private static uint Time(long utcTicks) =>
        (uint)Math.Clamp((utcTicks - Epoch) / TimeSpan.TicksPerSecond + 1, 1, uint.MaxValue);

    private struct Slot(ulong high, uint low, uint time)
    {
        public readonly ulong High = high;
        public readonly uint Low = low;
        public uint Time = time;
    }
}

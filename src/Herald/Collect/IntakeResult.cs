namespace Herald.Collect;

/// <summary>What one delivery (a file, an attachment, a download) became: one item per report file in it.</summary>
public sealed record IntakeResult(string FileName, IReadOnlyList<IntakeItem> Items)
{
    /// <summary>True when every report file in the delivery was stored and processed (now or before).</summary>
    public bool Succeeded => Items.Count > 0 && Items.All(i => i.Status != IntakeStatus.Failed);

    /// <summary>The reasons of the failed items, one line each.</summary>
    public string Errors => string.Join(Environment.NewLine, Items.Where(i => i.Error is not null).Select(i => i.Error));
}

namespace Herald.Collect.Upload;

/// <summary>The outcome of one upload: a receipt when accepted, otherwise the reasons it was refused.</summary>
public sealed record UploadResult(UploadStatus Status, UploadReceipt? Receipt, IReadOnlyList<string> Problems)
{
    public static UploadResult Refused(UploadStatus status, params IReadOnlyList<string> problems) => new(status, null, problems);
}

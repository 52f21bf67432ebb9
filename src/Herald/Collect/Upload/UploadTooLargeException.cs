namespace Herald.Collect.Upload;

/// <summary>Thrown while an upload streams in, as soon as it passes the size limit.</summary>
public sealed class UploadTooLargeException(long limit)
    : IOException($"The upload is larger than the limit of {limit:N0} bytes.")
{
    public long Limit { get; } = limit;
}

using Herald.Collect.Upload;
using Herald.Storage;
using Herald.Web.Workers;
using Microsoft.Extensions.Options;

namespace Herald.Web.Api;

/// <summary>What the upload API and the upload page share: checking the key, receiving the report, logging, and the nudge for warnings.</summary>
public sealed partial class UploadService(HeraldRuntime runtime, IOptions<UploadOptions> options, PendingWarnings pending, ILogger<UploadService> logger)
{
    public UploadOptions Options => options.Value;

    /// <summary>The source of a valid key, or null; only the public key id is ever logged.</summary>
    public async Task<(Source Source, string KeyId)?> AuthenticateAsync(string? key, CancellationToken cancellationToken)
    {
        await using var db = runtime.Database.Open();
        var verified = await new SourceKeys(runtime.Time).VerifyAsync(db, key, cancellationToken);
        if (verified is null) LogRefusedKey(logger, SourceKeys.KeyIdOf(key) ?? "(none or malformed)");
        return verified;
    }

    /// <summary>Receives a report; throws <see cref="UploadTooLargeException"/> when it passes the size limit.</summary>
    public async Task<UploadResult> ReceiveAsync(Source source, string keyId, Stream body, string fileName, string? reportType,
        CancellationToken cancellationToken)
    {
        var result = await new ReportUpload(runtime, Options).ReceiveAsync(source, keyId, body, fileName, reportType, cancellationToken);
        if (result.Receipt is { } r)
        {
            LogAccepted(logger, r.ReportId, source.Name, keyId, r.RowsAccepted, r.RowsRejected);
            pending.Signal();
        }
        else
        {
            LogRefused(logger, source.Name, keyId, result.Status, string.Join("; ", result.Problems));
        }
        return result;
    }

    public void LogTooLarge(string keyId) => LogRefusedSize(logger, keyId, Options.MaxBytes);

    [LoggerMessage(EventId = 1200, Level = LogLevel.Warning, Message = "Upload refused: no valid API key (key id {KeyId})")]
    private static partial void LogRefusedKey(ILogger logger, string keyId);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Upload accepted as report {ReportId} from {Source} (key {KeyId}): {Accepted} rows accepted, {Rejected} rejected")]
    private static partial void LogAccepted(ILogger logger, long reportId, string source, string keyId, long accepted, long rejected);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Upload from {Source} (key {KeyId}) refused ({Status}): {Reasons}")]
    private static partial void LogRefused(ILogger logger, string source, string keyId, UploadStatus status, string reasons);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "Upload with key {KeyId} refused: larger than {Limit} bytes")]
    private static partial void LogRefusedSize(ILogger logger, string keyId, long limit);
}

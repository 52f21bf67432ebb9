using Herald.Collect.Upload;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Herald.Web.Api;

/// <summary>
/// <c>POST /api/v1/reports</c>: a source uploads a report with its API key (<c>Authorization: Bearer …</c>), as a
/// multipart form file or as the raw body with a file name; the answer is a receipt, or why it was refused.
/// </summary>
internal static class ReportsApi
{
    public const string RateLimitPolicy = "upload";

    // Room for the multipart boundaries and part headers around the file itself.
    private const long MultipartOverhead = 64 * 1024;

    private static readonly string[] RawTypes = ["text/csv", "text/plain", "application/csv", "application/json", "application/x-ndjson", "application/octet-stream"];
    private static readonly string[] PartTypes = [.. RawTypes, "application/vnd.ms-excel"];

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/reports", PostAsync).RequireRateLimiting(RateLimitPolicy).DisableAntiforgery();
        return app;
    }

    /// <summary>The key from <c>Authorization: Bearer &lt;key&gt;</c>, or null.</summary>
    public static string? BearerKey(HttpRequest request) =>
        request.Headers.Authorization.ToString() is { } h && h.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? h[7..].Trim() : null;

    private static async Task<IResult> PostAsync(HttpContext context, UploadService uploads, string? type, string? fileName, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var limit = uploads.Options.MaxBytes;
        var multipart = request.HasFormContentType && request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase);
        // Kestrel stops the body at the limit while it streams in; the file itself is counted again where it is read.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = multipart ? limit + MultipartOverhead : limit;

        if (await uploads.AuthenticateAsync(BearerKey(request), cancellationToken) is not var (source, keyId))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Problem(StatusCodes.Status401Unauthorized, "A valid API key is needed: Authorization: Bearer <key>.");
        }
        if (request.ContentLength > (multipart ? limit + MultipartOverhead : limit))
        {
            uploads.LogTooLarge(keyId);
            return TooLarge(limit);
        }

        try
        {
            UploadResult result;
            if (multipart)
            {
                var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Boundary).Value;
                if (string.IsNullOrEmpty(boundary)) return Problem(StatusCodes.Status400BadRequest, "The multipart body has no boundary.");
                var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = null };
                MultipartSection? section;
                while ((section = await reader.ReadNextSectionAsync(cancellationToken)) is not null)
                {
                    if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition())
                        continue;
                    var name = disposition.FileNameStar.Value ?? disposition.FileName.Value ?? "";
                    if (section.ContentType is { } partType && !PartTypes.Any(t => partType.StartsWith(t, StringComparison.OrdinalIgnoreCase)))
                        return Problem(StatusCodes.Status415UnsupportedMediaType, $"A report file of type '{partType}' is not accepted; send {string.Join(", ", PartTypes)}.");
                    result = await uploads.ReceiveAsync(source, keyId, section.Body, name, type, cancellationToken);
                    return ToResult(result);
                }
                return Problem(StatusCodes.Status400BadRequest, "The form holds no file.");
            }
            if (request.ContentType is not { } contentType || !RawTypes.Any(t => contentType.StartsWith(t, StringComparison.OrdinalIgnoreCase)))
                return Problem(StatusCodes.Status415UnsupportedMediaType,
                    $"Content type '{request.ContentType}' is not accepted; send multipart/form-data or {string.Join(", ", RawTypes)}.");
            var rawName = fileName ?? (ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var cd)
                ? cd.FileNameStar.Value ?? cd.FileName.Value : null);
            if (string.IsNullOrWhiteSpace(rawName))
                return Problem(StatusCodes.Status400BadRequest, "A raw upload needs a file name: ?fileName=… or Content-Disposition: attachment; filename=….");
            result = await uploads.ReceiveAsync(source, keyId, request.Body, rawName, type, cancellationToken);
            return ToResult(result);
        }
        catch (Exception ex) when (ex is UploadTooLargeException || ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            uploads.LogTooLarge(keyId);
            return TooLarge(limit);
        }
    }

    private static IResult ToResult(UploadResult result) => result.Status switch
    {
        UploadStatus.Accepted => Results.Json(result.Receipt, statusCode: result.Receipt!.AlreadyReceived ? StatusCodes.Status200OK : StatusCodes.Status201Created),
        UploadStatus.UnsupportedType => Problem(StatusCodes.Status415UnsupportedMediaType, string.Join("; ", result.Problems)),
        UploadStatus.CriteriaNotMet => Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "The report does not meet the source's criteria; nothing was stored.",
            extensions: new Dictionary<string, object?> { ["reasons"] = result.Problems }),
        _ => throw new InvalidOperationException($"Unknown upload status {result.Status}"),
    };

    private static IResult TooLarge(long limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, $"The report is larger than the limit of {limit:N0} bytes; nothing was stored.");

    private static IResult Problem(int status, string title) => Results.Problem(statusCode: status, title: title);
}

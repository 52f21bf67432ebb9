using Herald.Collect.Upload;
using Herald.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Web.Pages.Upload;

/// <summary>
/// A form for researchers and partners: their API key and a report file. The key travels in the form only
/// (a password field, never autocompleted, never in a cookie or storage); the antiforgery token guards the post.
/// </summary>
public sealed class IndexModel(UploadService uploads) : PageModel
{
    private readonly UploadService _uploads = uploads;

    public UploadReceipt? Receipt { get; private set; }
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? key, IFormFile? report, string? type, CancellationToken cancellationToken)
    {
        if (await _uploads.AuthenticateAsync(key?.Trim(), cancellationToken) is not var (source, keyId))
            return Refuse(StatusCodes.Status401Unauthorized, "This API key is not valid (wrong, revoked or mistyped).");
        if (report is null || report.Length == 0) return Refuse(StatusCodes.Status400BadRequest, "Choose a report file.");
        try
        {
            await using var content = report.OpenReadStream();
            var result = await _uploads.ReceiveAsync(source, keyId, content, report.FileName, string.IsNullOrWhiteSpace(type) ? null : type.Trim(), cancellationToken);
            Receipt = result.Receipt;
            Problems = result.Problems;
            Response.StatusCode = result.Status switch
            {
                UploadStatus.Accepted => StatusCodes.Status200OK,
                UploadStatus.UnsupportedType => StatusCodes.Status415UnsupportedMediaType,
                UploadStatus.CriteriaNotMet => StatusCodes.Status422UnprocessableEntity,
                _ => StatusCodes.Status500InternalServerError,
            };
            return Page();
        }
        catch (UploadTooLargeException ex)
        {
            _uploads.LogTooLarge(keyId);
            return Refuse(StatusCodes.Status413PayloadTooLarge, ex.Message);
        }
    }

    private PageResult Refuse(int status, string problem)
    {
        Problems = [problem];
        Response.StatusCode = status;
        return Page();
    }
}

using System.Net;
using System.Net.Http.Headers;
using Herald.Storage;

namespace Herald.Collect;

/// <summary>
/// Pulls one HTTPS URL with the validators of the last answer (If-None-Match with its ETag, If-Modified-Since with
/// its Last-Modified): 304 means nothing new. The validators are kept per collector only once the content was stored.
/// </summary>
internal sealed class HttpsPullCollector(
    CollectorDefinition definition,
    HttpsSettings settings,
    ReportIntake intake,
    HeraldDatabase database,
    HttpClient http) : ICollector
{
    public CollectorDefinition Definition => definition;

    public async Task<CollectorRun> RunAsync(CancellationToken cancellationToken)
    {
        CollectorState? state;
        await using (var db = database.Open())
            state = await db.CollectorStates.FindAsync([definition.Name], cancellationToken);

        using var request = new HttpRequestMessage(HttpMethod.Get, settings.Url);
        if (state?.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag)) request.Headers.IfNoneMatch.Add(tag);
        if (state?.LastModified is { } modified && DateTimeOffset.TryParse(modified, System.Globalization.CultureInfo.InvariantCulture, out var since))
            request.Headers.IfModifiedSince = since;
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotModified) return CollectorRun.Nothing;
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{settings.Url.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        if (response.Content.Headers.ContentLength > intake.Limits.MaxDownloadBytes)
            throw new InvalidDataException($"{settings.Url.GetLeftPart(UriPartial.Path)} offers {response.Content.Headers.ContentLength:N0} bytes, more than the limit of {intake.Limits.MaxDownloadBytes:N0} (max-download-bytes)");

        var fileName = FileNameOf(response);
        var content = new CountingStream(await response.Content.ReadAsStreamAsync(cancellationToken), intake.Limits.MaxDownloadBytes, fileName);
        var result = await intake.TakeAsync(content, fileName, definition.Source, definition.Name, cancellationToken);
        if (result.Items.Count > 0 && result.Items.All(i => i.ReportId is not null))
            await RememberAsync(response.Headers.ETag?.ToString(), response.Content.Headers.LastModified, cancellationToken);
        return new CollectorRun([result]);
    }

    private string FileNameOf(HttpResponseMessage response)
    {
        var offered = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName;
        var name = settings.FileName ?? offered?.Trim('"') ?? Path.GetFileName(settings.Url.AbsolutePath);
        name = Path.GetFileName(name);
        return name.Length > 0 ? name : definition.Name + ".csv";
    }

    private async Task RememberAsync(string? etag, DateTimeOffset? lastModified, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var state = await db.CollectorStates.FindAsync([definition.Name], cancellationToken);
        if (state is null) db.CollectorStates.Add(state = new CollectorState { Name = definition.Name });
        state.ETag = etag;
        state.LastModified = lastModified?.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        await db.SaveChangesAsync(cancellationToken);
    }
}

using System.Net;

namespace Herald.Contacts;

/// <summary>Reads an HTTP answer or a local file with a size limit; what goes wrong is a problem text, never an exception.</summary>
internal static class BoundedHttp
{
    public static async Task<(byte[]? Body, HttpStatusCode? Status, string? Problem)> GetAsync(
        HttpClient http, Uri url, string accept, long maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd(accept);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.Content.Headers.ContentLength > maxBytes)
                return (null, response.StatusCode, $"{url}: the answer is {response.Content.Headers.ContentLength} bytes, more than the limit of {maxBytes}");
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var (body, problem) = await ReadAsync(stream, maxBytes, url.AbsoluteUri, cancellationToken);
            return (body, response.StatusCode, problem);
        }
        catch (HttpRequestException ex)
        {
            return (null, null, $"{url}: {ex.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, null, $"{url}: no answer in time");
        }
    }

    /// <summary>A local path or an http(s) URL.</summary>
    public static async Task<(byte[]? Body, string? Problem)> LoadAsync(HttpClient http, string source, long maxBytes, CancellationToken cancellationToken)
    {
        if (Uri.TryCreate(source, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
        {
            var (body, status, problem) = await GetAsync(http, url, "application/json", maxBytes, cancellationToken);
            if (problem is not null) return (null, problem);
            return status == HttpStatusCode.OK ? (body, null) : (null, $"{url}: HTTP {(int)status!}");
        }
        if (!File.Exists(source)) return (null, $"{source}: no such file");
        await using var file = File.OpenRead(source);
        return await ReadAsync(file, maxBytes, source, cancellationToken);
    }

    private static async Task<(byte[]? Body, string? Problem)> ReadAsync(Stream stream, long maxBytes, string name, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes) return (null, $"{name}: the answer is longer than the limit of {maxBytes} bytes");
            buffer.Write(chunk, 0, read);
        }
        return (buffer.ToArray(), null);
    }
}

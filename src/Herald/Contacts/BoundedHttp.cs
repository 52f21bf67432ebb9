using System.Net;

namespace Herald.Contacts;

/// <summary>
/// Reads an HTTP answer or a local file with a size limit; what goes wrong is a problem text, never an exception.
/// Redirects are followed here, a bounded number, never from https to anything else: the safe handler follows
/// none itself, and checks the address of every hop when it connects (RFC 7480 bootstrap servers redirect).
/// </summary>
internal static class BoundedHttp
{
    public static async Task<(byte[]? Body, HttpStatusCode? Status, string? Problem)> GetAsync(
        HttpClient http, Uri url, string accept, long maxBytes, int maxRedirects, CancellationToken cancellationToken)
    {
        var current = url;
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, current);
                request.Headers.Accept.ParseAdd(accept);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if (Net.SafeFetcher.RedirectTarget(response, current) is { } next)
                {
                    if (redirects >= maxRedirects) return (null, response.StatusCode, $"{url}: more than {maxRedirects} redirects");
                    if (next.Scheme != Uri.UriSchemeHttps && !(next.Scheme == Uri.UriSchemeHttp && current.Scheme == Uri.UriSchemeHttp))
                        return (null, response.StatusCode, $"{url}: the redirect to {next} is refused: {current.Scheme}:// may lead only to https://");
                    current = next;
                    continue;
                }
                if (response.Content.Headers.ContentLength > maxBytes)
                    return (null, response.StatusCode, $"{current}: the answer is {response.Content.Headers.ContentLength} bytes, more than the limit of {maxBytes}");
                await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                var (body, problem) = await ReadAsync(stream, maxBytes, current.AbsoluteUri, cancellationToken);
                return (body, response.StatusCode, problem);
            }
        }
        catch (HttpRequestException ex)
        {
            var reason = Net.SafeFetcher.Find<Net.AddressRefusedException>(ex)?.Message ?? ex.Message;
            return (null, null, current == url ? $"{url}: {reason}" : $"{url}: redirected to {current}: {reason}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, null, $"{url}: no answer in time");
        }
    }

    /// <summary>A local path or an http(s) URL.</summary>
    public static async Task<(byte[]? Body, string? Problem)> LoadAsync(HttpClient http, string source, long maxBytes, int maxRedirects,
        CancellationToken cancellationToken)
    {
        if (Uri.TryCreate(source, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
        {
            var (body, status, problem) = await GetAsync(http, url, "application/json", maxBytes, maxRedirects, cancellationToken);
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

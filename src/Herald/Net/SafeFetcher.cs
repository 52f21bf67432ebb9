using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;

namespace Herald.Net;

/// <summary>
/// GETs a URL from an untrusted server within <see cref="SafeHttpOptions"/>: every hop's address checked by
/// <see cref="SafeHttpHandler"/>, redirects followed by hand with each target's scheme checked, the body read
/// up to the size limit, one time limit for the whole fetch. Failures come back as data, never as exceptions.
/// </summary>
public sealed class SafeFetcher : IDisposable
{
    private readonly HttpClient _client;
    private readonly SafeHttpOptions _options;
    private readonly TimeProvider _time;

    public SafeFetcher(SafeHttpOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time ?? TimeProvider.System;
        // The total limit is enforced per fetch below, so that it covers redirects and the body as well.
        _client = new HttpClient(SafeHttpHandler.Create(options)) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.TryParseAdd(options.UserAgent);
    }

    /// <summary>Fetches <paramref name="uri"/>, following redirects; <paramref name="accept"/> sets the Accept header.</summary>
    public async Task<FetchResult> FetchAsync(Uri uri, string? accept = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var chain = new List<Uri> { uri };
        using var limit = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        try
        {
            var current = uri;
            while (true)
            {
                if (!SchemeAllowed(current))
                    return Fail(chain, FetchFailureKind.SchemeNotAllowed, $"refused: {current.Scheme}:// is not allowed ({current})");
                // HTTP/1.1 or HTTP/2 over the checked TCP connection; never HTTP/3, whose QUIC connections bypass the connect callback.
                using var request = new HttpRequestMessage(HttpMethod.Get, current) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower };
                if (accept is not null) request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
                using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
                var next = RedirectTarget(response, current);
                if (next is null) return await ReadAsync(chain, response, linked.Token);
                if (chain.Count > _options.MaxRedirects)
                    return Fail(chain, FetchFailureKind.TooManyRedirects, $"more than {_options.MaxRedirects} redirects");
                chain.Add(next);
                current = next;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fail(chain, FetchFailureKind.Timeout, $"no complete answer within {_options.Timeout.TotalSeconds:0.#} s (connect limit {_options.ConnectTimeout.TotalSeconds:0.#} s)");
        }
        catch (HttpRequestException ex)
        {
            return Fail(chain, Classify(ex), Describe(ex));
        }
        catch (IOException ex)
        {
            return Fail(chain, FetchFailureKind.Network, ex.Message);
        }
    }

    private bool SchemeAllowed(Uri uri) =>
        uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttps || (_options.AllowHttp && uri.Scheme == Uri.UriSchemeHttp));

    /// <summary>Where a redirect answer points (resolved against <paramref name="current"/>), or null when it is not one.</summary>
    internal static Uri? RedirectTarget(HttpResponseMessage response, Uri current)
    {
        var status = (int)response.StatusCode;
        if (status is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } location) return null;
        return location.IsAbsoluteUri ? location : new Uri(current, location);
    }

    private async Task<FetchResult> ReadAsync(List<Uri> chain, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var max = _options.MaxResponseBytes;
        var contentType = response.Content.Headers.TryGetValues("Content-Type", out var values) ? string.Join(", ", values) : null;
        if (response.Content.Headers.ContentLength is long declared && declared > max)
            return Fail(chain, FetchFailureKind.TooLarge, $"response of {declared} bytes is larger than the limit of {max} bytes", (int)response.StatusCode);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (body.Length + read > max)
                return Fail(chain, FetchFailureKind.TooLarge, $"response is larger than the limit of {max} bytes", (int)response.StatusCode);
            body.Write(buffer, 0, read);
        }
        return new FetchResult { Chain = chain, StatusCode = (int)response.StatusCode, ContentType = contentType, Body = body.ToArray() };
    }

    private static FetchResult Fail(List<Uri> chain, FetchFailureKind kind, string message, int? status = null) =>
        new() { Chain = chain, Failure = new FetchFailure(kind, message), StatusCode = status };

    private static FetchFailureKind Classify(HttpRequestException ex)
    {
        if (Find<AddressRefusedException>(ex) is not null) return FetchFailureKind.Refused;
        if (ex.HttpRequestError == HttpRequestError.SecureConnectionError || Find<AuthenticationException>(ex) is not null)
            return FetchFailureKind.InvalidCertificate;
        return FetchFailureKind.Network;
    }

    private static string Describe(HttpRequestException ex)
    {
        if (Find<AddressRefusedException>(ex) is { } refused) return refused.Message;
        var innermost = ex.GetBaseException();
        return innermost == ex ? ex.Message : $"{ex.Message} ({innermost.Message})";
    }

    internal static T? Find<T>(Exception ex) where T : Exception
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is T found) return found;
        }
        return null;
    }

    public void Dispose() => _client.Dispose();
}

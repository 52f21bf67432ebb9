using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Text;
using Herald.Deliver;
using Herald.Net;

namespace Herald.Forward;

/// <summary>
/// Posts a forward's document to a partner's HTTPS endpoint through <see cref="SafeHttpHandler"/> (public addresses
/// only, checked at connect; certificates validated; no proxy, no redirects followed), with the document's media
/// type, the forward's reference as <c>Idempotency-Key</c> (the same on every try, so a partner recognises a repeat),
/// a bearer token when one is configured, and one time limit for the whole request. 2xx is delivered; 408, 429, 5xx
/// and connection faults are temporary (the outbox retries with back-off); any other answer fails with the reason.
/// </summary>
public sealed class HttpsForwardChannel : IDisposable
{
    public const string Name = "https";
    public const string IdempotencyHeader = "Idempotency-Key";

    private readonly HttpClient _client;
    private readonly SafeHttpOptions _options;
    private readonly TimeProvider _time;

    public HttpsForwardChannel(SafeHttpOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        // The limit is applied per request below; HttpClient's own would not use the injected clock.
        _client = new HttpClient(SafeHttpHandler.Create(options)) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.TryParseAdd(options.UserAgent);
    }

    public async Task<SendResult> PostAsync(string endpoint, ForwardDocument document, string reference, string? token,
        CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            return new SendResult(SendOutcome.Permanent, $"refused: the endpoint '{endpoint}' is not an https URL");
        using var limit = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        // HTTP/1.1 or HTTP/2 over the checked TCP connection; never HTTP/3, whose QUIC connections bypass the connect callback.
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
            Content = new StreamContent(document.Content),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(document.MediaType);
        request.Content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = document.FileName };
        request.Headers.Add(IdempotencyHeader, reference);
        request.Headers.Add(Notify.WarningMessageFactory.ReferenceHeader, reference);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var status = (int)response.StatusCode;
            var answer = await ReadStartAsync(response, linked.Token);
            var detail = $"HTTP {status} {response.ReasonPhrase} from {uri.Host}{(answer.Length > 0 ? ": " + answer : "")}";
            var outcome = status switch
            {
                >= 200 and < 300 => SendOutcome.Delivered,
                408 or 429 or >= 500 => SendOutcome.Temporary,
                _ => SendOutcome.Permanent,
            };
            if (status is >= 300 and < 400) detail += " (redirects are not followed for a forward: configure the final URL)";
            return new SendResult(outcome, detail, status);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SendResult(SendOutcome.Temporary, $"no answer from {uri.Host} within {_options.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex) when (Find<AddressRefusedException>(ex) is { } refused)
        {
            // An endpoint on a private, loopback or other special address is a configuration error or an attack: never retried.
            return new SendResult(SendOutcome.Permanent, $"{refused.Message} ({uri.Host})");
        }
        catch (HttpRequestException ex)
        {
            var innermost = ex.GetBaseException();
            var certificate = Find<AuthenticationException>(ex) is not null ? " (certificate not accepted)" : "";
            return new SendResult(SendOutcome.Temporary, $"connection to {uri.Host} failed{certificate}: {(innermost == ex ? ex.Message : innermost.Message)}");
        }
        catch (IOException ex)
        {
            return new SendResult(SendOutcome.Temporary, $"connection to {uri.Host} failed: {ex.Message}");
        }
    }

    /// <summary>The start of the answer, as one line, for the record; at most <see cref="SafeHttpOptions.MaxResponseBytes"/> are read.</summary>
    private async Task<string> ReadStartAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[(int)Math.Min(_options.MaxResponseBytes, 4096)];
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0) filled += read;
        var text = Encoding.UTF8.GetString(buffer, 0, filled);
        text = string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return text.Length <= 200 ? text : text[..200] + "…";
    }

    private static T? Find<T>(Exception ex) where T : Exception
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is T found) return found;
        }
        return null;
    }

    public void Dispose() => _client.Dispose();
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Herald.Collect;

/// <summary>
/// Shadowserver's reports API: every call is an HTTP POST of a JSON object that carries the API key, signed with
/// the secret as a hex HMAC-SHA256 of the exact body bytes in the <c>HMAC2</c> header.
/// </summary>
internal sealed class ShadowserverApiClient(HttpClient http, Uri baseUrl, string apiKey, string secret)
{
    /// <summary>One downloadable report of the list.</summary>
    public sealed record Entry(string Id, string File, string? Type);

    /// <summary>The reports of the given lists (all subscribed when empty) between two dates.</summary>
    public async Task<IReadOnlyList<Entry>> ListAsync(IReadOnlyList<string> reports, DateOnly from, DateOnly until, CancellationToken cancellationToken)
    {
        var request = new JsonObject { ["date"] = $"{from:yyyy-MM-dd}:{until:yyyy-MM-dd}" };
        if (reports.Count > 0) request["report"] = new JsonArray([.. reports.Select(r => (JsonNode)r)]);
        using var response = await PostAsync("reports/list", request, cancellationToken);
        var body = await JsonNode.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        if (body is JsonObject { } error && error["error"] is { } message)
            throw new InvalidDataException($"the reports API refused the list: {message}");
        if (body is not JsonArray items) throw new InvalidDataException("the reports API did not answer the list with a JSON array");
        var entries = new List<Entry>();
        foreach (var item in items.OfType<JsonObject>())
        {
            var id = item["id"]?.ToString();
            var file = item["file"]?.ToString();
            if (id is { Length: > 0 } && file is { Length: > 0 }) entries.Add(new Entry(id, Path.GetFileName(file), item["type"]?.ToString()));
        }
        return entries;
    }

    /// <summary>Opens the download of one report; the caller disposes the response.</summary>
    public Task<HttpResponseMessage> DownloadAsync(string id, CancellationToken cancellationToken) =>
        PostAsync("reports/download", new JsonObject { ["id"] = id }, cancellationToken);

    /// <summary>The signature of a request body: lower-case hex HMAC-SHA256 with the secret.</summary>
    public static string Sign(byte[] body, string secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private async Task<HttpResponseMessage> PostAsync(string method, JsonObject request, CancellationToken cancellationToken)
    {
        var signed = new JsonObject { ["apikey"] = apiKey };
        foreach (var (key, value) in request) signed[key] = value?.DeepClone();
        var body = Encoding.UTF8.GetBytes(signed.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, method));
        message.Content = new ByteArrayContent(body);
        message.Content.Headers.ContentType = new("application/json");
        message.Headers.Add("HMAC2", Sign(body, secret));
        var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.IsSuccessStatusCode) return response;
        response.Dispose();
        throw new HttpRequestException(string.Create(CultureInfo.InvariantCulture,
            $"the reports API answered {method} with {(int)response.StatusCode} {response.ReasonPhrase}"), null, response.StatusCode);
    }
}

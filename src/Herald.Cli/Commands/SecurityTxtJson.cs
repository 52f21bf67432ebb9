using System.Text;
using System.Text.Json;
using Herald.SecurityTxt;

namespace Herald.Cli.Commands;

/// <summary>A security.txt result as one JSON object: where, the fields, and sectxt's three lists of <c>{code, message, line}</c>.</summary>
internal static class SecurityTxtJson
{
    public static string Write(SecurityTxtResult result)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("target", result.Target);
            json.WriteString("location", result.Location switch
            {
                SecurityTxtLocation.WellKnown => "well-known",
                SecurityTxtLocation.Legacy => "legacy",
                SecurityTxtLocation.Content => "content",
                SecurityTxtLocation.NotFound => "not-found",
                _ => throw new ArgumentOutOfRangeException(nameof(result), result.Location, null),
            });
            json.WriteString("url", result.Url?.AbsoluteUri);
            json.WriteString("finalUrl", result.FinalUrl?.AbsoluteUri);
            json.WriteBoolean("valid", result.IsValid);
            var f = result.Fields;
            Strings(json, "contact", f.Contact);
            json.WriteString("expires", f.ExpiresText);
            Strings(json, "encryption", f.Encryption);
            Strings(json, "acknowledgments", f.Acknowledgments);
            Strings(json, "preferredLanguages", f.PreferredLanguages);
            Strings(json, "canonical", f.Canonical);
            Strings(json, "policy", f.Policy);
            Strings(json, "hiring", f.Hiring);
            Strings(json, "csaf", f.Csaf);
            json.WriteStartObject("otherFields");
            foreach (var group in f.Other.GroupBy(o => o.Key)) Strings(json, group.Key, [.. group.Select(o => o.Value)]);
            json.WriteEndObject();
            json.WriteStartObject("signature");
            json.WriteString("status", result.Signature.Status.ToString().ToLowerInvariant());
            json.WriteString("detail", result.Signature.Detail);
            json.WriteString("fingerprint", result.Signature.Fingerprint);
            json.WriteString("keySource", result.Signature.KeySource);
            json.WriteEndObject();
            Problems(json, "errors", result.Errors);
            Problems(json, "recommendations", result.Recommendations);
            Problems(json, "notifications", result.Notifications);
            json.WriteStartArray("attempts");
            foreach (var attempt in result.Attempts)
            {
                json.WriteStartObject();
                json.WriteString("url", attempt.Url.AbsoluteUri);
                if (attempt.StatusCode is int status) json.WriteNumber("status", status);
                else json.WriteNull("status");
                json.WriteString("outcome", attempt.Outcome);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Strings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteStringValue(value);
        json.WriteEndArray();
    }

    private static void Problems(Utf8JsonWriter json, string name, IReadOnlyList<SecurityTxtProblem> problems)
    {
        json.WriteStartArray(name);
        foreach (var p in problems)
        {
            json.WriteStartObject();
            json.WriteString("code", p.Code);
            json.WriteString("message", p.Message);
            if (p.Line is int line) json.WriteNumber("line", line);
            else json.WriteNull("line");
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}

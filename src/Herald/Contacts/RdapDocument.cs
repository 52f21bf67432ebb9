using System.Text.Json;

namespace Herald.Contacts;

/// <summary>
/// Reads an RDAP object (RFC 9083) as untrusted input: walks the entities, nested ones included, for the
/// <c>abuse</c> role and takes the e-mail addresses and phone numbers of their jCards (RFC 7095). Whatever is
/// malformed becomes a problem with its place in the document; nothing throws.
/// </summary>
public static class RdapDocument
{
    private const int MaxEntityDepth = 8;
    private const int MaxEntities = 500;

    public static RdapAnswer Read(string query, Uri? url, ReadOnlySpan<byte> json, DateTimeOffset now)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            return RdapAnswer.Failed(query, url, $"the answer is not JSON: {ex.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return RdapAnswer.Failed(query, url, "the answer is not an RDAP object");
            if (root.TryGetProperty("errorCode", out var code))
                return RdapAnswer.Failed(query, url, $"the registry answered with error {code.GetRawText()}: {Text(root, "title") ?? "no title"}");
            if (Text(root, "objectClassName") is not ("ip network" or "autnum" or "entity" or "domain"))
                return RdapAnswer.Failed(query, url, "the answer has no known objectClassName, so it is not an RDAP object");

            var walk = new Walk(url?.AbsoluteUri ?? query, now);
            walk.Entities(root, "$", 0);
            if (walk.Contacts.Count == 0 && walk.Problems.Count == 0) walk.Problems.Add("no entity with the abuse role and a usable address");
            return new RdapAnswer(query, url, Text(root, "handle"), Text(root, "name"), walk.Contacts, walk.Problems);
        }
    }

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private sealed class Walk(string origin, DateTimeOffset now)
    {
        private int _seen;

        public List<DiscoveredContact> Contacts { get; } = [];
        public List<string> Problems { get; } = [];

        public void Entities(JsonElement owner, string path, int depth)
        {
            if (!owner.TryGetProperty("entities", out var entities)) return;
            if (entities.ValueKind != JsonValueKind.Array)
            {
                Problems.Add($"{path}.entities is not an array");
                return;
            }
            var i = 0;
            foreach (var entity in entities.EnumerateArray())
            {
                var here = $"{path}.entities[{i++}]";
                if (++_seen > MaxEntities)
                {
                    Problems.Add($"more than {MaxEntities} entities: the rest is not read");
                    return;
                }
                if (entity.ValueKind != JsonValueKind.Object)
                {
                    Problems.Add($"{here} is not an object");
                    continue;
                }
                if (IsAbuse(entity, here)) Card(entity, here);
                if (depth + 1 >= MaxEntityDepth)
                {
                    if (entity.TryGetProperty("entities", out _)) Problems.Add($"{here}: entities nested deeper than {MaxEntityDepth} are not read");
                    continue;
                }
                Entities(entity, here, depth + 1);
            }
        }

        private bool IsAbuse(JsonElement entity, string path)
        {
            if (!entity.TryGetProperty("roles", out var roles)) return false;
            if (roles.ValueKind != JsonValueKind.Array)
            {
                Problems.Add($"{path}.roles is not an array");
                return false;
            }
            return roles.EnumerateArray().Any(r => r.ValueKind == JsonValueKind.String && string.Equals(r.GetString(), "abuse", StringComparison.OrdinalIgnoreCase));
        }

        private void Card(JsonElement entity, string path)
        {
            var handle = Text(entity, "handle");
            var where = handle is null ? $"{origin} {path}" : $"{origin} entity {handle}";
            if (!entity.TryGetProperty("vcardArray", out var card))
            {
                Problems.Add($"{path}: the abuse entity has no vcardArray");
                return;
            }
            // jCard: ["vcard", [[name, {parameters}, type, value...], ...]]
            if (card.ValueKind != JsonValueKind.Array || card.GetArrayLength() != 2 || card[0].ValueKind != JsonValueKind.String
                || card[0].GetString() != "vcard" || card[1].ValueKind != JsonValueKind.Array)
            {
                Problems.Add($"{path}.vcardArray is not a jCard ([\"vcard\", [properties]])");
                return;
            }
            var found = 0;
            var p = 0;
            foreach (var property in card[1].EnumerateArray())
            {
                var here = $"{path}.vcardArray[1][{p++}]";
                if (property.ValueKind != JsonValueKind.Array || property.GetArrayLength() < 4 || property[0].ValueKind != JsonValueKind.String
                    || property[1].ValueKind != JsonValueKind.Object || property[2].ValueKind != JsonValueKind.String)
                {
                    Problems.Add($"{here} is not a jCard property [name, {{parameters}}, type, value]");
                    continue;
                }
                var name = property[0].GetString();
                if (name is not ("email" or "tel")) continue;
                if (name == "tel" && IsFax(property[1])) continue;
                var value = property[3].ValueKind == JsonValueKind.String ? property[3].GetString() : null;
                if (value is null)
                {
                    Problems.Add($"{here}: the {name} value is not a string");
                    continue;
                }
                string? problem;
                var address = name == "email" ? ContactAddress.CheckEmail(value, out problem) : ContactAddress.CheckPhone(value, out problem);
                if (address is null)
                {
                    Problems.Add($"{here}: {problem}");
                    continue;
                }
                found++;
                var kind = name == "email" ? ContactKind.Email : ContactKind.Phone;
                // The same entity often appears at several places in one answer.
                if (!Contacts.Any(c => c.Address == address)) Contacts.Add(new DiscoveredContact(address, kind, ContactSource.Rdap, where, now));
            }
            if (found == 0) Problems.Add($"{path}: the abuse entity has no usable e-mail address or phone number");
        }

        private static bool IsFax(JsonElement parameters) =>
            parameters.TryGetProperty("type", out var type)
            && (type.ValueKind == JsonValueKind.String ? type.GetString() == "fax"
                : type.ValueKind == JsonValueKind.Array && type.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && t.GetString() == "fax"));
    }
}

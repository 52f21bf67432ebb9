namespace Herald.Contacts;

/// <summary>One RPSL object of a RIPE database split file: its attributes in order and the line it starts on.</summary>
public sealed record RpslObject(string Source, long Line, IReadOnlyList<KeyValuePair<string, string>> Attributes)
{
    /// <summary>The object class: the key of the first attribute (inetnum, role, organisation, ...).</summary>
    public string Class => Attributes[0].Key;

    public string Key => Attributes[0].Value;

    /// <summary>The first value of <paramref name="name"/>, or null.</summary>
    public string? First(string name)
    {
        foreach (var (key, value) in Attributes)
            if (key == name) return value;
        return null;
    }
}

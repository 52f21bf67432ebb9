using System.Reflection;

namespace Herald.Settings;

/// <summary>One setting: its key (<c>Delivery:Smtp:Port</c>), the property path to it in <see cref="HeraldOptions"/>, its type.</summary>
/// <param name="ValueType">The type of the value, or of each item when <paramref name="IsList"/>.</param>
public sealed record Setting(string Key, IReadOnlyList<PropertyInfo> Path, Type ValueType, bool IsList, bool IsSecret)
{
    /// <summary>What a value must look like, for error messages.</summary>
    public string Expected => ValueType switch
    {
        _ when ValueType == typeof(bool) => "true or false",
        _ when ValueType == typeof(int) || ValueType == typeof(long) => "a whole number",
        _ when ValueType == typeof(double) => "a number",
        _ when ValueType == typeof(TimeSpan) => "a duration such as 90s, 30m, 12h, 14d or 1.12:00:00",
        _ when ValueType.IsEnum => "one of " + string.Join(", ", Enum.GetNames(ValueType)),
        _ => "text",
    };
}

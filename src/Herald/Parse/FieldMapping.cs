using Herald.Events;

namespace Herald.Parse;

/// <summary>One schema entry: which report column fills which IntelMQ field, through which conversion.</summary>
/// <param name="Target">The IntelMQ field; <c>extra.</c> alone means <c>extra.&lt;column&gt;</c>.</param>
public sealed record FieldMapping(string Target, string Column, Conversion Conversion)
{
    /// <summary>The field it fills, with <c>extra.</c> expanded; computed once, since every row reads it.</summary>
    public string TargetFor { get; } = Target == EventFields.ExtraPrefix ? EventFields.ExtraPrefix + Column : Target;

    /// <summary>For an <c>extra.*</c> target, the name under <c>extra</c>; otherwise null.</summary>
    public string? ExtraName { get; } = Target == EventFields.ExtraPrefix ? Column
        : Target.StartsWith(EventFields.ExtraPrefix, StringComparison.Ordinal) ? Target[EventFields.ExtraPrefix.Length..] : null;
}

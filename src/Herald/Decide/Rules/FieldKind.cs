namespace Herald.Decide.Rules;

/// <summary>What kind of value a rule field holds, which decides the tests it accepts.</summary>
internal enum FieldKind
{
    Text,
    Number,
    Flag,
    Address,
    Cves,
    Age,
    Severity,
    Reliability,
}

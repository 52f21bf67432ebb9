namespace Herald.Storage.Migrations;

/// <summary>One difference between a schema Herald made before migrations and the baseline, and the SQL that removes it.</summary>
/// <param name="Name">What the step brings, for messages and tests.</param>
/// <param name="NeededWhen">A query that answers 1 when the file still lacks what the step brings.</param>
/// <param name="Sql">The statements, exactly as the baseline migration creates those tables, columns and indexes.</param>
internal sealed record SqliteLegacyStep(string Name, string NeededWhen, string Sql);

namespace Herald.Storage;

public enum ReportStatus
{
    /// <summary>Stored, not (completely) parsed yet: a crash leaves it here and it is parsed again.</summary>
    Received,
    Parsed,
}

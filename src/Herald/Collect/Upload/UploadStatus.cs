namespace Herald.Collect.Upload;

/// <summary>How an upload ended.</summary>
public enum UploadStatus
{
    /// <summary>Stored and processed; the receipt says what became of it.</summary>
    Accepted,

    /// <summary>Not a file type the source's format allows; nothing stored.</summary>
    UnsupportedType,

    /// <summary>The report does not meet the source's criteria; nothing stored.</summary>
    CriteriaNotMet,
}

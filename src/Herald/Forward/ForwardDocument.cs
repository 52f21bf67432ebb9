namespace Herald.Forward;

/// <summary>The machine-readable cases of a forward: the bytes, their media type and the attachment's file name.</summary>
public sealed record ForwardDocument(byte[] Content, string MediaType, string FileName);

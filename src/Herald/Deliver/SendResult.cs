namespace Herald.Deliver;

/// <summary>The outcome of one try, the server's words (or the fault) and its reply code when it gave one.</summary>
public readonly record struct SendResult(SendOutcome Outcome, string Detail, int? ReplyCode = null);

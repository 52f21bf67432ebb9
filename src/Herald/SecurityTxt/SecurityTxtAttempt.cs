namespace Herald.SecurityTxt;

/// <summary>One URL tried while looking for security.txt and what it gave: a status code or the reason there was none.</summary>
public sealed record SecurityTxtAttempt(Uri Url, int? StatusCode, string Outcome);

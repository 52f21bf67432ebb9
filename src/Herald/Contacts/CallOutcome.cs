namespace Herald.Contacts;

/// <summary>How a call went, as the analyst records it.</summary>
public enum CallOutcome
{
    Reached,
    NoAnswer,
    Voicemail,
    WrongNumber,
    Refused,
    CallBackLater,
}

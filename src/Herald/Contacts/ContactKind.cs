namespace Herald.Contacts;

/// <summary>How a contact is reached.</summary>
public enum ContactKind
{
    Email,
    Phone,
}

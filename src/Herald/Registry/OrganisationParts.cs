namespace Herald.Registry;

/// <summary>
/// The parts of an organisation a registry file speaks about. A part the file leaves out (no such CSV column, no such
/// JSON field) is left as it is on import; a part given empty is emptied.
/// </summary>
[Flags]
internal enum OrganisationParts
{
    None = 0,
    Sector = 1,
    Vital = 2,
    Partner = 4,
    Networks = 8,
    Domains = 16,
    Asns = 32,
    Contacts = 64,
    All = Sector | Vital | Partner | Networks | Domains | Asns | Contacts,
}

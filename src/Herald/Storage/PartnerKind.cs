namespace Herald.Storage;

public enum PartnerKind
{
    NationalCsirt,
    Cert,
    Liaison,
}

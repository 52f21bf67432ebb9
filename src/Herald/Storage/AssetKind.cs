namespace Herald.Storage;

public enum AssetKind
{
    Network,
    Domain,
    Asn,
}

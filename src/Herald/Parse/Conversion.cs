namespace Herald.Parse;

/// <summary>The value conversions that Shadowserver's published schema names.</summary>
public enum Conversion
{
    None,
    AddUtcToTimestamp,
    ConvertBool,
    ValidateToNone,
    ConvertInt,
    ConvertFloat,
    ConvertHttpHostAndUrl,
    InvalidateZero,
    ValidateIp,
    ValidateNetwork,
    ValidateFqdn,
    ConvertDate,
    ConvertDateUtc,
    ForceBase64,
    ExtractCveFromTag,
    CategoryOrDetail,
    ScanExchangeTaxonomy,
    ScanExchangeType,
    ScanExchangeIdentifier,
}

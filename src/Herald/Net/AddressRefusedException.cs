namespace Herald.Net;

/// <summary>Thrown from the connect callback when no address of a host may be reached; the fetcher turns it into a <see cref="FetchFailure"/>.</summary>
internal sealed class AddressRefusedException(string reason) : IOException(reason);

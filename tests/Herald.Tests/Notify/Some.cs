using Herald.Notify;

namespace Herald.Tests.Notify;

/// <summary>Test data for warnings.</summary>
internal static class Some
{
    public static AffectedAsset Asset(string ip, int port = 3389, string identifier = "open-rdp", string type = "vulnerable-system",
        string? hostname = null, string? organisation = null) =>
        new(ip, port, "tcp", hostname, new DateTimeOffset(2026, 11, 1, 3, 12, 0, TimeSpan.Zero), identifier, type, "Open-RDP", [], organisation);

    public static IReadOnlyList<AffectedAsset> Assets(int count, string identifier = "open-rdp") =>
        Enumerable.Range(1, count).Select(i => Asset($"192.0.2.{i % 250}", 3389, identifier)).ToList();
}

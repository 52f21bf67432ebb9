namespace Herald.Parse.Xarf;

/// <summary>X-ARF categories and types in RSIT terms (IntelMQ's classification.taxonomy and classification.type).</summary>
internal static class XarfClassification
{
    private static readonly Dictionary<(string, string), (string Taxonomy, string Type)> Map = new()
    {
        [("messaging", "spam")] = ("abusive-content", "spam"),
        [("messaging", "bulk_messaging")] = ("abusive-content", "spam"),
        [("connection", "login_attack")] = ("intrusion-attempts", "brute-force"),
        [("connection", "port_scan")] = ("information-gathering", "scanner"),
        [("connection", "ddos")] = ("availability", "ddos"),
        [("connection", "infected_host")] = ("malicious-code", "infected-system"),
        [("connection", "reconnaissance")] = ("information-gathering", "scanner"),
        [("connection", "scraping")] = ("information-gathering", "scanner"),
        [("connection", "sql_injection")] = ("intrusion-attempts", "exploit"),
        [("connection", "vulnerability_scan")] = ("information-gathering", "scanner"),
        [("vulnerability", "cve")] = ("vulnerable", "vulnerable-system"),
        [("vulnerability", "open_service")] = ("vulnerable", "vulnerable-system"),
        [("vulnerability", "misconfiguration")] = ("vulnerable", "vulnerable-system"),
        [("reputation", "blocklist")] = ("other", "blacklist"),
        [("reputation", "threat_intelligence")] = ("other", "other"),
        [("infrastructure", "botnet")] = ("malicious-code", "c2-server"),
        [("infrastructure", "compromised_server")] = ("intrusions", "system-compromise"),
        [("content", "phishing")] = ("fraud", "phishing"),
        [("content", "malware")] = ("malicious-code", "malware-distribution"),
        [("content", "fraud")] = ("fraud", "masquerade"),
        [("content", "brand_infringement")] = ("fraud", "masquerade"),
        [("content", "suspicious_registration")] = ("fraud", "masquerade"),
        [("content", "remote_compromise")] = ("intrusions", "system-compromise"),
        [("content", "exposed_data")] = ("information-content-security", "data-leak"),
        [("content", "csam")] = ("abusive-content", "violence"),
        [("content", "csem")] = ("abusive-content", "violence"),
    };

    /// <summary>The RSIT class of an X-ARF category and type; copyright reports are fraud/copyright; unknown pairs other/other.</summary>
    public static (string Taxonomy, string Type) Of(string category, string type) =>
        Map.TryGetValue((category, type), out var c) ? c : category == "copyright" ? ("fraud", "copyright") : ("other", "other");
}

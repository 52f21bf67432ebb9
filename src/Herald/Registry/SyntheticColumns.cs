using Herald.Parse;

namespace Herald.Registry;

/// <summary>Decides, once per report type, what each column of a synthetic report holds: from the fields it fills, its conversion and its name.</summary>
internal static class SyntheticColumns
{
    /// <summary>Services by the word in the report type that names them (the first that matches, so "tftp" before "ftp"), with their usual ports.</summary>
    private static readonly (string Word, int[] Ports, bool Udp)[] Services =
    [
        ("http_proxy", [3128, 8080], false), ("http", [80, 443, 8080, 8443], false), ("ssh", [22, 2222], false), ("telnet", [23, 2323], false),
        ("tftp", [69], true), ("ftp", [21], false), ("rdpeudp", [3389], true), ("rdp", [3389], false), ("smb", [445], false), ("mysql", [3306], false),
        ("postgres", [5432], false), ("mongodb", [27017], false), ("elasticsearch", [9200], false), ("redis", [6379], false),
        ("memcached", [11211], true), ("ntp", [123], true), ("mdns", [5353], true), ("dns", [53], true), ("snmp", [161], true), ("ssdp", [1900], true),
        ("smtp", [25, 587, 465], false), ("imap", [143, 993], false), ("pop3", [110, 995], false), ("vnc", [5900], false),
        ("docker", [2375], false), ("ldap_udp", [389], true), ("ldap", [389], false), ("mqtt", [1883, 8883], false), ("amqp", [5672], false),
        ("coap", [5683], true), ("cwmp", [7547], false), ("adb", [5555], false), ("ipmi", [623], true), ("isakmp", [500], true),
        ("netbios", [137], true), ("portmapper", [111], true), ("qotd", [17], true), ("chargen", [19], true), ("rsync", [873], false),
        ("slp", [427], true), ("stun", [3478], true), ("ubiquiti", [10001], true), ("ws_discovery", [3702], true), ("xdmcp", [177], true),
        ("sip", [5060], true), ("ssl", [443], false), ("exchange", [443], false),
        ("socks", [1080], false), ("radmin", [4899], false), ("mssql", [1434], true), ("kubernetes", [6443], false),
        ("couchdb", [5984], false), ("activemq", [61616], false), ("bgp", [179], false), ("ipp", [631], false), ("msmq", [1801], false),
        ("msrpc", [135], false), ("ddos_middlebox", [80], false), ("ip_tunnel", [0], false), ("badsecrets", [443], false),
    ];

    private static readonly Dictionary<string, string[]> TagsByType = new(StringComparer.Ordinal)
    {
        ["http_vulnerable"] = ["cve-2021-41773", "cve-2021-42013", "cve-2017-9841", "cve-2022-1388", "cve-2023-46805"],
        ["smtp_vulnerable"] = ["cve-2020-7247", "cve-2019-10149"],
        ["imap_vulnerable"] = ["cve-2021-38371"],
        ["pop3_vulnerable"] = ["cve-2021-38371"],
        ["exchange"] = ["exchange;cve-2021-26855", "exchange;cve-2022-41082", "exchange;webshell"],
        ["ssl_freak"] = ["cve-2015-0204"],
        ["ssl_poodle"] = ["cve-2014-3566"],
    };

    /// <summary>Plausible values for columns that only pass through into extra; a column not listed stays empty, as many do in real reports.</summary>
    private static readonly Dictionary<string, string[]> TextByColumn = new(StringComparer.Ordinal)
    {
        ["http"] = ["HTTP/1.1"],
        ["http_code"] = ["200", "401", "403", "404"],
        ["http_reason"] = ["OK", "Unauthorized", "Forbidden", "Not Found"],
        ["content_type"] = ["text/html; charset=utf-8", "text/html", "application/json", "text/plain"],
        ["content_length"] = ["1024", "149", "5120", "320"],
        ["server"] = ["Apache/2.4.49 (Unix)", "nginx/1.18.0", "Microsoft-IIS/10.0", "lighttpd/1.4.45"],
        ["connection"] = ["close", "keep-alive"],
        ["transfer_encoding"] = ["chunked"],
        ["infection"] = ["andromeda", "mirai", "emotet", "qakbot", "avalanche-andromeda"],
        ["family"] = ["andromeda", "mirai", "emotet", "qakbot", "avalanche-andromeda"],
        ["device_vendor"] = ["Hikvision", "MikroTik", "Fortinet", "Ubiquiti", "Synology"],
        ["device_type"] = ["camera", "router", "firewall", "router", "nas"],
        ["device_model"] = ["DS-2CD2042WD", "RB750Gr3", "FortiGate-60E", "EdgeRouter X", "DS218+"],
        ["device_version"] = ["5.4.5", "6.48.6", "7.0.12", "2.0.9", "7.1.1"],
        ["version"] = ["2.4.49", "1.18.0", "10.0", "1.4.45"],
        ["naics"] = ["517311", "518210", "541512", "0"],
        ["sic"] = ["737415", "0"],
        ["sector"] = ["Communications, Service Provider, and Hosting Service", "Information Technology"],
        ["hostname_source"] = ["ptr", "certificate"],
        ["application"] = ["http", "https"],
        ["banner"] = ["SSH-2.0-OpenSSH_7.4", "220 ProFTPD Server ready."],
        ["serverid_raw"] = ["SSH-2.0-OpenSSH_7.4", "SSH-2.0-dropbear_2019.78"],
        ["serverid_software"] = ["OpenSSH_7.4", "dropbear_2019.78"],
        ["username"] = ["admin", "root", "support"],
        ["account"] = ["admin", "root", "support"],
        ["category"] = ["spam", "malware"],
        ["vulnerability_id"] = ["CVE-2021-44228", "CVE-2023-4966"],
        ["event_id"] = ["1614816002", "1614816003"],
        ["response_size"] = ["48", "468"],
        ["amplification"] = ["11.5", "556.9"],
    };

    private static readonly string[] HttpUrls = ["GET /favicon.ico HTTP/1.1", "/index.html", "/wp-login.php", "GET / HTTP/1.1"];

    public static bool IsIpv6(ReportMapping mapping)
    {
        var name = mapping.Name;
        var underscore = name.IndexOf('_', StringComparison.Ordinal);
        return name.EndsWith('6') || (underscore > 0 && name[underscore - 1] == '6');
    }

    public static bool IsUdp(ReportMapping mapping) => Service(mapping) is { Udp: true };

    /// <summary>The ports the service of this report type listens on; sinkhole and honeypot reports see clients on high ports.</summary>
    public static int[] Ports(ReportMapping mapping) =>
        mapping.Name.StartsWith("event", StringComparison.Ordinal) ? [] : Service(mapping)?.Ports ?? [80, 443, 8080, 22, 23];

    /// <summary>The tags of this report type; vulnerability reports carry the CVE the scan found.</summary>
    public static string[] Tags(ReportMapping mapping)
    {
        foreach (var (type, tags) in TagsByType)
            if (mapping.Name.Contains(type, StringComparison.Ordinal)) return tags;
        var service = Service(mapping)?.Word;
        return [service ?? mapping.Name.Split('_')[^1]];
    }

    public static SyntheticColumn[] Plan(ReportMapping mapping)
    {
        var columns = new List<SyntheticColumn>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in mapping.Required.Concat(mapping.Optional))
        {
            if (!seen.Add(field.Column)) continue;
            var fields = mapping.Required.Concat(mapping.Optional).Where(f => f.Column == field.Column).ToList();
            columns.Add(Column(mapping, field.Column, fields));
        }
        return [.. columns];
    }

    private static SyntheticColumn Column(ReportMapping mapping, string name, List<FieldMapping> fields)
    {
        bool Targets(string target) => fields.Exists(f => f.TargetFor == target);
        bool Converts(Conversion conversion) => fields.Exists(f => f.Conversion == conversion);
        var choices = TextByColumn.GetValueOrDefault(name) ?? [];
        SyntheticColumn Make(SyntheticColumnKind kind, double filled = 1) => new(name, kind, choices, filled);

        if (Targets("time.source") || Converts(Conversion.AddUtcToTimestamp)) return Make(SyntheticColumnKind.Timestamp);
        if (Targets("source.ip")) return Make(SyntheticColumnKind.SourceIp);
        if (Targets("source.port")) return Make(SyntheticColumnKind.SourcePort);
        if (Targets("destination.ip")) return Make(SyntheticColumnKind.DestinationIp);
        if (Targets("destination.port")) return Make(SyntheticColumnKind.DestinationPort);
        if (Targets("source.asn")) return Make(SyntheticColumnKind.SourceAsn);
        if (Targets("destination.asn")) return Make(SyntheticColumnKind.DestinationAsn);
        if (Targets("source.geolocation.cc")) return Make(SyntheticColumnKind.SourceCountry);
        if (Targets("source.geolocation.region")) return Make(SyntheticColumnKind.SourceRegion);
        if (Targets("source.geolocation.city")) return Make(SyntheticColumnKind.SourceCity);
        if (Targets("destination.geolocation.cc")) return Make(SyntheticColumnKind.DestinationCountry);
        if (Targets("destination.geolocation.region")) return Make(SyntheticColumnKind.DestinationRegion);
        if (Targets("destination.geolocation.city")) return Make(SyntheticColumnKind.DestinationCity);
        if (Targets("source.reverse_dns") || Targets("source.fqdn")) return Make(SyntheticColumnKind.SourceHostname, 0.6);
        if (Targets("destination.reverse_dns") || Targets("destination.fqdn")) return Make(SyntheticColumnKind.DestinationHostname, 0.8);
        if (Targets("protocol.transport")) return Make(SyntheticColumnKind.Protocol);
        if (name == "tag") return Make(SyntheticColumnKind.Tag);
        if (Targets("severity")) return Make(SyntheticColumnKind.Severity);
        if (Converts(Conversion.ValidateNetwork)) return Make(SyntheticColumnKind.Network);
        if (Converts(Conversion.ConvertHttpHostAndUrl)) return new(name, SyntheticColumnKind.Url, HttpUrls, 1);
        if (Converts(Conversion.ConvertBool)) return Make(SyntheticColumnKind.Boolean, 0.5);
        if (Converts(Conversion.ConvertDate) || Converts(Conversion.ConvertDateUtc))
            return Make(name.Contains("http", StringComparison.Ordinal) ? SyntheticColumnKind.HttpDate : SyntheticColumnKind.Date, 0.8);
        if (Converts(Conversion.ForceBase64)) return Make(SyntheticColumnKind.Base64, 0.5);
        if (name is "md5" or "sha1" or "sha256") return Make(SyntheticColumnKind.Hash);
        if (Converts(Conversion.ConvertInt) || Converts(Conversion.InvalidateZero))
            return choices.Length > 0 ? Make(SyntheticColumnKind.Integer) : Make(SyntheticColumnKind.Integer, 0.3);
        if (Converts(Conversion.ConvertFloat)) return Make(SyntheticColumnKind.Float, 0.5);
        if (choices.Length > 0) return Make(SyntheticColumnKind.Text, 0.9);
        return Make(SyntheticColumnKind.Empty);
    }

    private static (string Word, int[] Ports, bool Udp)? Service(ReportMapping mapping)
    {
        foreach (var service in Services)
            if (mapping.Name.Contains(service.Word, StringComparison.Ordinal)) return service;
        return null;
    }
}

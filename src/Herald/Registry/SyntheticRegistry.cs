using System.Globalization;
using Herald.Enrich;
using Herald.Storage;

namespace Herald.Registry;

/// <summary>
/// Makes realistic synthetic registries for demos, tests and benchmarks: Dutch-looking organisations with KvK numbers,
/// sectors, partners, networks carved from real Dutch routed space, domains and contacts; the same seed gives the same registry.
/// </summary>
/// <remarks>
/// Every domain and e-mail address is under the reserved <c>.example</c> top-level domain (RFC 2606), so demo data can
/// never mail a real company. The networks are real Dutch address space, so a demo matches real routing data; without a
/// routing table they come from the documentation ranges, and the result says so.
/// </remarks>
public sealed class SyntheticRegistry(RoutingTable? routing)
{
    /// <summary>The partners every synthetic registry has: the national CSIRT and a few sector CERTs and liaison organisations.</summary>
    public static IReadOnlyList<Partner> StandardPartners() =>
    [
        new() { Code = "ncsc", Name = "Nationaal Cyber Security Centrum", Kind = PartnerKind.NationalCsirt, Email = "cert@ncsc.example" },
        new() { Code = "z-cert", Name = "Z-CERT", Kind = PartnerKind.Cert, Email = "cert@z-cert.example" },
        new() { Code = "surfcert", Name = "SURFcert", Kind = PartnerKind.Cert, Email = "cert@surfcert.example" },
        new() { Code = "ibd", Name = "Informatiebeveiligingsdienst voor gemeenten", Kind = PartnerKind.Cert, Email = "cert@ibd.example" },
        new() { Code = "cip", Name = "Centrum Informatiebeveiliging en Privacybescherming", Kind = PartnerKind.Liaison, Email = "info@cip.example" },
    ];

    public SyntheticRegistryResult Generate(SyntheticRegistryOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.Organisations);
        return new Run(DutchAddressSpace.For(routing), options).Generate();
    }

    private enum Size
    {
        Small,
        Medium,
        Large,
    }

    /// <summary>One generation: the random sequence and everything already handed out.</summary>
    private sealed class Run(DutchAddressSpace space, SyntheticRegistryOptions options)
    {
        private const int Attempts = 64;
        private static readonly string[] MailboxNames = ["security", "ict", "servicedesk", "cert", "it", "beheer", "info", "abuse"];
        private static readonly string[] SecondDomainSuffixes = ["online", "groep", "portaal", "zakelijk"];
        private static readonly int[] AreaCodes = [10, 13, 15, 20, 23, 24, 26, 30, 33, 35, 36, 38, 40, 43, 45, 46, 50, 53, 55, 58, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79];
        private static readonly UInt128 Mask48 = (UInt128.One << 80) - 1;

        private readonly DeterministicRandom _random = new(options.Seed);
        private readonly SubnetAllocator _allocator = new();
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);
        private readonly HashSet<string> _kvks = new(StringComparer.Ordinal);
        private readonly HashSet<string> _domains = new(StringComparer.Ordinal);
        private readonly SortedDictionary<long, AsInfo> _owners = [];
        private readonly HashSet<long> _ownAs = [];
        private readonly List<string> _notes = [];
        private readonly List<(Organisation Organisation, Size Size, string Sector)> _made = [];
        private int[] _carveBlocks = [];
        private ulong[] _carveCumulative = [];
        private List<(AsInfo As, List<int> V4, List<int> V6)> _ownAsCandidates = [];
        private int _withoutV4;

        public SyntheticRegistryResult Generate()
        {
            PrepareCarving();
            var sectors = SectorSequence(options.Organisations);
            foreach (var sector in sectors) _made.Add(MakeOrganisation(sector));
            var nested = Nest();
            if (space.IsDocumentation)
                _notes.Add("No routing table with country data was found: the networks come from the documentation ranges 192.0.2.0/24, "
                    + "198.51.100.0/24, 203.0.113.0/24 and 2001:db8::/32, and the AS numbers from 64496-64511 (run scripts/fetch-routing-data.sh for real Dutch ranges).");
            if (_withoutV4 > 0)
                _notes.Add($"{_withoutV4} IPv4 network(s) could not be carved because the address space ran out; those organisations have fewer networks than planned.");
            return new SyntheticRegistryResult
            {
                Organisations = _made.ConvertAll(m => m.Organisation),
                Partners = StandardPartners(),
                NetworkOwners = _owners.Values.Select(a => new NetworkOwner
                {
                    Asn = a.Number,
                    Name = a.Name,
                    AbuseEmail = $"abuse@{(SyntheticNames.Slug(a.Name) is { Length: > 0 } slug ? slug : "as" + a.Number.ToString(CultureInfo.InvariantCulture))}.example",
                    Origin = RegistryImporter.Origin,
                }).ToList(),
                NestedNetworks = nested,
                UsesDocumentationRanges = space.IsDocumentation,
                Notes = _notes,
            };
        }

        /// <summary>Every sector once (when there are enough organisations), then the rest by how common each sector is.</summary>
        private List<SyntheticSector> SectorSequence(int count)
        {
            var sectors = SyntheticNames.Sectors;
            var list = new List<SyntheticSector>(count);
            if (count >= sectors.Length) list.AddRange(sectors);
            var total = sectors.Sum(s => s.Weight);
            while (list.Count < count)
            {
                var roll = _random.Next(total);
                var i = 0;
                while (roll >= sectors[i].Weight) roll -= sectors[i++].Weight;
                list.Add(sectors[i]);
            }
            // Shuffle, so that the first organisations are not always one of each sector in the same order.
            for (var i = list.Count - 1; i > 0; i--)
            {
                var j = _random.Next(i + 1);
                (list[i], list[j]) = (list[j], list[i]);
            }
            return list;
        }

        private (Organisation, Size, string) MakeOrganisation(SyntheticSector sector)
        {
            var largeChance = sector.Name switch
            {
                "energie" or "drinkwater" or "telecom" => 0.4,
                "overheid" => 0.25,
                "zorg" or "financieel" or "ICT-dienstverlening" => 0.15,
                "transport" or "onderwijs" => 0.1,
                _ => 0.04,
            };
            var roll = _random.NextDouble();
            var size = roll < largeChance ? Size.Large : roll < largeChance + 0.3 ? Size.Medium : Size.Small;
            var name = UniqueName(sector);
            var organisation = new Organisation { KvkNumber = UniqueKvk(), Name = name, Sector = sector.Name };
            organisation.Vital = sector.Vital && _random.Chance(size switch { Size.Large => 0.7, Size.Medium => 0.3, _ => 0.05 });
            organisation.PartnerCode = PartnerFor(sector.Name, name, organisation.Vital);

            var slug = SyntheticNames.Slug(name);
            var domain = UniqueDomain(slug);
            Add(organisation, AssetKind.Domain, domain);
            if (size != Size.Small && _random.Chance(0.3)) Add(organisation, AssetKind.Domain, UniqueDomain(slug + "-" + _random.Pick(SecondDomainSuffixes)));

            AddNetworks(organisation, size);
            AddContacts(organisation, domain, size);
            return (organisation, size, sector.Name);
        }

        private string? PartnerFor(string sector, string name, bool vital)
        {
            var member = sector switch
            {
                "zorg" when _random.Chance(0.5) => "z-cert",
                "onderwijs" when _random.Chance(0.7) => "surfcert",
                "overheid" when name.StartsWith("Gemeente ", StringComparison.Ordinal) && _random.Chance(0.75) => "ibd",
                "overheid" when _random.Chance(0.5) => "cip",
                _ => null,
            };
            // Vital providers are the national CSIRT's own constituents, unless a sector CERT serves them.
            return member ?? (vital && _random.Chance(0.8) ? "ncsc" : null);
        }

        private void AddNetworks(Organisation organisation, Size size)
        {
            var documentation = space.IsDocumentation;
            switch (size)
            {
                case Size.Small:
                    if (_random.Chance(0.85)) CarveV4(organisation, documentation ? 29 : _random.Chance(0.6) ? 29 : 28);
                    if (_random.Chance(0.1)) CarveV6(organisation, null);
                    break;
                case Size.Medium:
                    var count = _random.Chance(0.3) ? 2 : 1;
                    for (var i = 0; i < count; i++) CarveV4(organisation, documentation ? 28 : _random.Next(25, 28));
                    if (_random.Chance(0.5)) CarveV6(organisation, null);
                    break;
                case Size.Large:
                    if (_random.Chance(0.4) && TryOwnAs(organisation)) break;
                    var blocks = _random.Next(2, 4);
                    for (var i = 0; i < blocks; i++) CarveV4(organisation, documentation ? 27 : 24);
                    if (_random.Chance(0.8)) CarveV6(organisation, null);
                    break;
            }
        }

        /// <summary>Gives a large organisation an AS of its own, with all of that AS's Dutch space.</summary>
        private bool TryOwnAs(Organisation organisation)
        {
            if (space.IsDocumentation)
            {
                // RFC 5398's documentation AS numbers; 64496-64499 stand for the documentation ranges themselves.
                var number = 64500 + _ownAs.Count;
                if (number > 64511) return false;
                _ownAs.Add(number);
                _owners[number] = new AsInfo(number, $"Documentation AS {number}");
                Add(organisation, AssetKind.Asn, number.ToString(CultureInfo.InvariantCulture));
                CarveV4(organisation, 27);
                return true;
            }
            // An AS that others have been carved from already cannot become one organisation's own.
            (AsInfo As, List<int> V4, List<int> V6) candidate;
            do
            {
                if (_ownAsCandidates.Count == 0) return false;
                var pick = _random.Next(_ownAsCandidates.Count);
                candidate = _ownAsCandidates[pick];
                _ownAsCandidates.RemoveAt(pick);
            }
            while (_owners.ContainsKey(candidate.As.Number));
            var (asInfo, v4, v6) = candidate;
            _ownAs.Add(asInfo.Number);
            _owners[asInfo.Number] = asInfo;
            Add(organisation, AssetKind.Asn, asInfo.Number.ToString(CultureInfo.InvariantCulture));
            foreach (var i in v4)
            {
                var (start, end, _) = space.Dutch.V4(i);
                _allocator.Reserve(start, end);
                foreach (var (cidr, prefix) in IpMath.V4Cidrs(start, end)) Add(organisation, AssetKind.Network, IpMath.V4Network(cidr, prefix));
            }
            if (v6.Count > 0) CarveV6(organisation, v6[0]);
            return true;
        }

        private void CarveV4(Organisation organisation, int prefixLength)
        {
            for (var attempt = 0; attempt < Attempts && _carveBlocks.Length > 0; attempt++)
            {
                var offset = _random.NextUInt64(_carveCumulative[^1]);
                var pick = Array.BinarySearch(_carveCumulative, offset + 1);
                if (pick < 0) pick = ~pick;
                var (start, end, asInfo) = space.Dutch.V4(_carveBlocks[pick]);
                if (asInfo is not null && _ownAs.Contains(asInfo.Number)) continue;
                var first24 = (start + 255) & 0xFFFFFF00u;
                var count = (((ulong)end + 1) >> 8) - (first24 >> 8);
                var start24 = first24 + ((uint)_random.NextUInt64(count) << 8);
                if (!_allocator.TryTake(start24, prefixLength, _random, out var subnet)) continue;
                if (asInfo is not null) _owners.TryAdd(asInfo.Number, asInfo);
                Add(organisation, AssetKind.Network, IpMath.V4Network(subnet, prefixLength));
                return;
            }
            _withoutV4++;
        }

        /// <summary>Carves a /48 from Dutch IPv6 space, or from one given block (an organisation's own AS).</summary>
        private void CarveV6(Organisation organisation, int? block)
        {
            if (space.Dutch.V6Count == 0) return;
            for (var attempt = 0; attempt < Attempts; attempt++)
            {
                var index = block ?? space.Dutch.PickV6Block(_random);
                var (start, end, asInfo) = space.Dutch.V6(index);
                if (block is null && asInfo is not null && _ownAs.Contains(asInfo.Number)) continue;
                var first = (start + Mask48) & ~Mask48;
                if (first < start || first > end || end - first < Mask48) continue;
                var count = ((end - Mask48 - first) >> 80) + 1;
                var subnet = first + (_random.NextUInt128(count) << 80);
                if (!_allocator.TryTakeV6(subnet)) continue;
                if (asInfo is not null) _owners.TryAdd(asInfo.Number, asInfo);
                Add(organisation, AssetKind.Network, IpMath.V6Network(subnet, 48));
                return;
            }
        }

        /// <summary>
        /// Puts a few small organisations' /29s inside larger organisations' networks (a hosting company's customer,
        /// say), so that tests and demos meet networks where the most specific must win.
        /// </summary>
        private List<SyntheticNesting> Nest()
        {
            var nestings = new List<SyntheticNesting>();
            var want = _made.Count >= 20 ? Math.Max(2, _made.Count / 50) : _made.Count >= 4 ? 1 : 0;
            var outers = new List<(Organisation Organisation, string Network, uint Start, int Slots, bool Hosting)>();
            foreach (var (organisation, _, sector) in _made)
            {
                if (organisation.Assets.Any(a => a.Kind == AssetKind.Asn)) continue;
                foreach (var asset in organisation.Assets)
                {
                    if (asset.Kind != AssetKind.Network || !System.Net.IPNetwork.TryParse(asset.Value, out var network)) continue;
                    if (!IpMath.IsV4(network) || network.PrefixLength is < 24 or > 27) continue;
                    outers.Add((organisation, asset.Value, IpMath.V4(network.BaseAddress), 1 << (SubnetAllocator.SmallestV4 - network.PrefixLength),
                        sector == "ICT-dienstverlening"));
                }
            }
            var inners = _made.Where(m => m.Size == Size.Small && !m.Organisation.Assets.Any(a => a.Kind == AssetKind.Asn)).Select(m => m.Organisation).ToList();
            var hosting = outers.Where(o => o.Hosting).ToList();
            var usedInners = new HashSet<Organisation>();
            var usedSubnets = new HashSet<uint>();
            for (var attempt = 0; nestings.Count < want && attempt < want * 8 && outers.Count > 0 && inners.Count > 0; attempt++)
            {
                var outer = hosting.Count > 0 && _random.Chance(0.7) ? _random.Pick(hosting) : _random.Pick(outers);
                var inner = _random.Pick(inners);
                var subnet = outer.Start + ((uint)_random.Next(outer.Slots) << 3);
                if (inner == outer.Organisation || usedInners.Contains(inner) || !usedSubnets.Add(subnet)) continue;
                usedInners.Add(inner);
                var network = IpMath.V4Network(subnet, SubnetAllocator.SmallestV4);
                Add(inner, AssetKind.Network, network);
                nestings.Add(new SyntheticNesting(inner.KvkNumber, network, outer.Organisation.KvkNumber, outer.Network));
            }
            return nestings;
        }

        private void AddContacts(Organisation organisation, string domain, Size size)
        {
            var roll = _random.NextDouble();
            if (roll < 0.10) return;
            if (roll < 0.16)
            {
                organisation.Contacts.Add(new Contact { Phone = Phone(), Languages = Languages(), Origin = RegistryImporter.Origin });
                return;
            }
            var count = _random.Chance(size == Size.Small ? 0.15 : 0.45) ? 2 : 1;
            var mailboxes = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var mailbox = i == 0 && size != Size.Small && _random.Chance(0.6) ? "security" : _random.Pick(MailboxNames);
                if (!mailboxes.Add(mailbox)) continue;
                organisation.Contacts.Add(new Contact
                {
                    Email = $"{mailbox}@{domain}",
                    Phone = _random.Chance(0.5) ? Phone() : null,
                    Languages = Languages(),
                    Origin = RegistryImporter.Origin,
                });
            }
        }

        private string Languages()
        {
            var roll = _random.NextDouble();
            return roll < 0.75 ? "nl,en" : roll < 0.9 ? "nl" : roll < 0.97 ? "en" : "en,nl";
        }

        /// <summary>A Dutch-looking number; Herald never dials phone numbers, they are shown to analysts only.</summary>
        private string Phone()
        {
            if (_random.Chance(0.2)) return $"+31 6 {_random.Next(10_000_000, 100_000_000)}";
            return $"+31 {_random.Pick(AreaCodes)} {_random.Next(200, 1000)} {_random.Next(0, 10_000):D4}";
        }

        private string UniqueName(SyntheticSector sector)
        {
            for (var attempt = 0; ; attempt++)
            {
                var name = SyntheticNames.Name(_random.Pick(sector.Patterns), _random);
                if (attempt >= 20) name += " " + _random.Pick(SyntheticNames.Places);
                if (attempt >= 40) name += " " + attempt.ToString(CultureInfo.InvariantCulture);
                if (_names.Add(name)) return name;
            }
        }

        private string UniqueKvk()
        {
            while (true)
            {
                var kvk = _random.Next(1_000_000, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
                if (_kvks.Add(kvk)) return kvk;
            }
        }

        private string UniqueDomain(string slug)
        {
            var domain = slug + ".example";
            for (var n = 2; !_domains.Add(domain); n++) domain = $"{slug}-{n}.example";
            return domain;
        }

        private static void Add(Organisation organisation, AssetKind kind, string value) =>
            organisation.Assets.Add(new OrganisationAsset { Kind = kind, Value = value });

        /// <summary>
        /// Finds the blocks to carve from (those holding at least one whole /24, weighted by how many) and the ASes that
        /// can be one organisation's own: wholly Dutch, a /24 to a /20, in at most four CIDRs.
        /// </summary>
        private void PrepareCarving()
        {
            var blocks = new List<int>();
            var cumulative = new List<ulong>();
            ulong total = 0;
            var byAs = new Dictionary<long, (AsInfo As, List<int> V4, ulong Size, int Cidrs)>();
            for (var i = 0; i < space.Dutch.V4Count; i++)
            {
                var (start, end, asInfo) = space.Dutch.V4(i);
                var first24 = ((ulong)start + 255) & ~255UL;
                var whole = (((ulong)end + 1) >> 8) - Math.Min(first24 >> 8, ((ulong)end + 1) >> 8);
                if (whole > 0)
                {
                    total += whole;
                    blocks.Add(i);
                    cumulative.Add(total);
                }
                if (asInfo is null || space.IsDocumentation) continue;
                if (!byAs.TryGetValue(asInfo.Number, out var entry)) entry = (asInfo, [], 0UL, 0);
                entry.V4.Add(i);
                byAs[asInfo.Number] = (entry.As, entry.V4, entry.Size + end - start + 1, entry.Cidrs + IpMath.V4Cidrs(start, end).Count());
            }
            // Without routing data, keep 203.0.113.128/25 free: reports need Dutch space that belongs to no organisation.
            if (space.IsDocumentation) _allocator.Reserve(0xCB007180u, 0xCB0071FFu);
            _carveBlocks = [.. blocks];
            _carveCumulative = [.. cumulative];

            var v6ByAs = new Dictionary<long, List<int>>();
            for (var i = 0; i < space.Dutch.V6Count; i++)
            {
                var asInfo = space.Dutch.V6(i).As;
                if (asInfo is null) continue;
                if (!v6ByAs.TryGetValue(asInfo.Number, out var list)) v6ByAs[asInfo.Number] = list = [];
                list.Add(i);
            }
            _ownAsCandidates = byAs.Values
                .Where(a => a.Size is >= 256 and <= 4096 && a.Cidrs <= 4 && space.V4SizeByAs.GetValueOrDefault(a.As.Number) == a.Size)
                .OrderBy(a => a.As.Number)
                .Select(a => (a.As, a.V4, v6ByAs.GetValueOrDefault(a.As.Number) ?? []))
                .ToList();
        }
    }
}

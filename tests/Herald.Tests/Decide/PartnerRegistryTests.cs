using Herald.Decide;
using Herald.Registry;
using Herald.Storage;
using Herald.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Decide;

/// <summary>Partners with their delivery channel, preferred format and constituency, imported from the registry and used by routing.</summary>
public sealed class PartnerRegistryTests
{
    [Fact]
    public async Task Partners_import_channel_format_and_constituency_and_routing_uses_the_constituency()
    {
        await using var temp = await TempDatabase.CreateAsync();
        var file = Path.Combine(temp.Path, "partners.csv");
        await File.WriteAllTextAsync(file, """
            code,name,kind,email,channel,url,format,sectors,asns
            ncsc,Nationaal CSIRT,national-csirt,cert@ncsc.example,https,https://intake.ncsc.example/cases,x-arf,,
            z-cert,Z-CERT,cert,meldingen@z-cert.example,email,,intelmq,zorg;farma,AS64510
            bad,Bad,cert,bad@bad.example,pigeon,,fax,,
            """);
        await using var db = temp.Database.Open();

        var outcome = await new RegistryImporter(db).ImportFilesAsync([file], CancellationToken.None);

        Assert.Equal(2, outcome.Partners.Added);
        Assert.Equal(2, outcome.Problems.Count);
        Assert.Contains(outcome.Problems, p => p.Line == 4 && p.Reason.Contains("channel 'pigeon'", StringComparison.Ordinal));
        Assert.Contains(outcome.Problems, p => p.Line == 4 && p.Reason.Contains("format 'fax'", StringComparison.Ordinal));
        var partners = await db.Partners.AsNoTracking().OrderBy(p => p.Code).ToListAsync();
        Assert.Equal((PartnerChannel.HttpsPost, "https://intake.ncsc.example/cases", ForwardFormat.Xarf), (partners[0].Channel, partners[0].Endpoint, partners[0].Format));
        Assert.Equal((PartnerChannel.Email, ForwardFormat.IntelMqJson, "zorg;farma", "64510"), (partners[1].Channel, partners[1].Format, partners[1].Sectors, partners[1].Asns));

        var directory = new PartnerDirectory(partners);
        Assert.Equal("z-cert", directory.ConstituencyOf("farma", null));
        Assert.Equal("z-cert", directory.ConstituencyOf("retail", 64510));
        Assert.Null(directory.ConstituencyOf("retail", 64500));

        var written = new StringWriter();
        RegistryWriter.WritePartnersCsv(written, partners);
        Assert.Contains("z-cert,Z-CERT,cert,meldingen@z-cert.example,email,,intelmq,zorg;farma,64510", written.ToString(), StringComparison.Ordinal);
    }
}

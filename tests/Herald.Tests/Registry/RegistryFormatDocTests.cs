using System.Text;
using Herald.Registry;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

using Herald.Tests.Support;

namespace Herald.Tests.Registry;

/// <summary>Imports the examples of docs/registry-format.md, so that the documentation cannot drift from the importer.</summary>
public sealed class RegistryFormatDocTests : IAsyncLifetime
{
    private TempDatabase _temp = null!;
    private string _directory = "";
    private HeraldDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _temp = await TempDatabase.CreateAsync();
        (_directory, _database) = (_temp.Path, _temp.Database);
    }

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    [Fact]
    public async Task The_documented_examples_import_without_problems()
    {
        var csv = Blocks("csv");
        var json = Assert.Single(Blocks("json"));
        Assert.Equal(3, csv.Count);
        string[] names = ["partners.csv", "network-owners.csv", "organisations.csv"];
        var files = new List<string>();
        for (var i = 0; i < csv.Count; i++)
        {
            files.Add(Path.Combine(_directory, names[i]));
            await File.WriteAllTextAsync(files[^1], csv[i]);
        }
        files.Add(Path.Combine(_directory, "registry.json"));
        await File.WriteAllTextAsync(files[^1], json);

        await using var db = _database.Open();
        var result = await new RegistryImporter(db).ImportFilesAsync(files, CancellationToken.None);

        Assert.Empty(result.Problems.Select(p => p.ToString()));
        Assert.Equal((4, 3, 5), (result.Partners.Added, result.NetworkOwners.Added, result.Organisations.Added));
        var jansen = await db.Organisations.Include(o => o.Contacts).SingleAsync(o => o.KvkNumber == "12345678");
        Assert.Equal(2, jansen.Contacts.Count);
        Assert.Equal("Bakkerij \"De Korenschoof\"", (await db.Organisations.SingleAsync(o => o.KvkNumber == "01234567")).Name);
    }

    [Fact]
    public async Task The_documented_problems_are_the_ones_the_importer_reports()
    {
        var text = Blocks("text");
        var input = text[0];
        var expected = text[1].Split('\n', StringSplitOptions.RemoveEmptyEntries);

        await using var db = _database.Open();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(input));
        var result = await new RegistryImporter(db).ImportCsvAsync(stream, "organisations.csv", CancellationToken.None);

        Assert.Equal(expected, result.Problems.Select(p => p.ToString()));
    }

    /// <summary>The fenced code blocks of the document with the given language, in order.</summary>
    private static List<string> Blocks(string language)
    {
        var blocks = new List<string>();
        StringBuilder? block = null;
        foreach (var line in File.ReadAllLines(Path.Combine(RegistryTestPaths.RepositoryRoot, "docs", "registry-format.md")))
        {
            if (block is null && line == "```" + language)
            {
                block = new StringBuilder();
            }
            else if (block is not null && line == "```")
            {
                blocks.Add(block.ToString());
                block = null;
            }
            else
            {
                block?.Append(line).Append('\n');
            }
        }
        return blocks;
    }
}

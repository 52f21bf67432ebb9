using Herald.Parse;

namespace Herald.Tests.Parse;

/// <summary>The copy of Shadowserver's schema shipped inside Herald, installed by <c>herald schema update</c> offline.</summary>
public sealed class ShippedSchemaTests
{
    [Fact]
    public void The_shipped_schema_is_the_published_one_the_tests_read()
    {
        using var shipped = ShadowserverSchema.OpenShipped();
        using var copy = new MemoryStream();
        shipped.CopyTo(copy);

        Assert.Equal(File.ReadAllBytes(TestData.SchemaPath), copy.ToArray());
    }

    [Fact]
    public void The_shipped_schema_loads_with_its_date_and_every_report_type()
    {
        using var shipped = ShadowserverSchema.OpenShipped();

        var schema = ShadowserverSchema.Load(shipped);

        Assert.Equal("2026-03-24T15:31:20Z", schema.Created);
        Assert.Equal(170, schema.Reports.Count);
    }
}

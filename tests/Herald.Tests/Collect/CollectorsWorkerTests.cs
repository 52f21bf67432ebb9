using Herald.Collect;
using Herald.Tests.Support;

namespace Herald.Tests.Collect;

public sealed class CollectorsWorkerTests
{
    [Fact]
    public async Task The_service_does_not_start_with_an_invalid_collectors_yaml_and_says_where_it_is_wrong()
    {
        await using var bed = await CollectTestbed.StartAsync();
        await File.WriteAllTextAsync(Path.Combine(bed.Data, "collectors.yaml"), "collectors:\n  - name: x\n    kind: folder\n");

        var error = await Assert.ThrowsAsync<CollectorsFileException>(async () => await RunningWeb.StartAsync(bed.Runtime));

        Assert.Equal(["collectors.yaml:2:5: 'source' is required"], error.Problems);
    }
}

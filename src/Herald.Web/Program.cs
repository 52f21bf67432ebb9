using Herald;
using Herald.Web;

var runtime = new HeraldRuntime(HeraldOptions.FromEnvironment());
await runtime.InitialiseAsync(CancellationToken.None);
var app = HeraldWeb.Build(args, runtime);
await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;

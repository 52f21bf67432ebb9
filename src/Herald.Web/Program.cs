using Herald;
using Herald.Settings;
using Herald.Web;

var settings = HeraldSettings.Load(new SettingsRequest());
var runtime = new HeraldRuntime(settings.Options);
runtime.RequireSendable();
if ((await runtime.InitialiseAsync(CancellationToken.None)).Summary is { } upgraded) Console.Error.WriteLine("herald: " + upgraded);
var app = HeraldWeb.Build(args, runtime, settings: settings.Configuration);
await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;

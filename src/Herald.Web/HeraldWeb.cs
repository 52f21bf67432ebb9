using Herald.Web.Workers.Collectors;
using Herald.Web.Workers;

namespace Herald.Web;

/// <summary>Builds the web application (pages and workers) around one Herald instance.</summary>
public static class HeraldWeb
{
    public static WebApplication Build(string[] args, HeraldRuntime runtime, Action<WebApplicationBuilder>? configure = null)
    {
        // The pages live in this assembly, whichever program hosts it (the herald command, a test).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(HeraldWeb).Assembly.GetName().Name,
        });
        builder.Services.AddHeraldWeb(runtime);
        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseHeraldWeb();
        return app;
    }

    public static IServiceCollection AddHeraldWeb(this IServiceCollection services, HeraldRuntime runtime)
    {
        services.AddSingleton(runtime);
        services.AddRazorPages();
        services.AddHostedService<CollectorsWorker>();
        services.AddRateLimiter(Pages.Verify.VerifyRateLimit.Add);
        services.AddHostedService<RulesWorker>();
        services.AddHostedService<DeliveryWorker>();
        return services;
    }

    public static WebApplication UseHeraldWeb(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            // Analyst pages carry case data: never cached, never framed, no referrer leaks.
            var h = context.Response.Headers;
            h["X-Content-Type-Options"] = "nosniff";
            h["X-Frame-Options"] = "DENY";
            h["Referrer-Policy"] = "no-referrer";
            h["Content-Security-Policy"] = "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";
            h["Cache-Control"] = "no-store";
            await next(context);
        });
        app.UseRateLimiter();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapRazorPages();
        return app;
    }
}

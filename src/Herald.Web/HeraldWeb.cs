using Herald.Web.Workers.Collectors;
using System.Threading.RateLimiting;
using Herald.Collect.Upload;
using Herald.Web.Api;
using Herald.Web.Workers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Herald.Web;

/// <summary>Builds the web application (pages and workers) around one Herald instance.</summary>
public static class HeraldWeb
{
    /// <param name="settings">Herald's settings (herald.json, HERALD__ variables, --set), which also configure the host
    /// (Kestrel, logging, upload limits) and take precedence over its own sources.</param>
    public static WebApplication Build(string[] args, HeraldRuntime runtime, Action<WebApplicationBuilder>? configure = null,
        IConfiguration? settings = null)
    {
        // The pages live in this assembly, whichever program hosts it (the herald command, a test).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(HeraldWeb).Assembly.GetName().Name,
        });
        if (settings is not null) builder.Configuration.AddConfiguration(settings);
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
        services.AddHeraldUploads();
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
        app.UseHeraldUploads();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapRazorPages();
        return app;
    }

    /// <summary>The upload API and page: limits from the <c>Upload</c> configuration section, a rate limit per key, the warnings worker.</summary>
    private static IServiceCollection AddHeraldUploads(this IServiceCollection services)
    {
        services.AddOptions<UploadOptions>().BindConfiguration("Upload")
            .Validate(o => !o.Problems().Any(), "Upload limits must be positive (Upload:MaxBytes, Upload:PermitsPerMinute, Upload:RejectionsInReceipt)")
            .ValidateOnStart();
        services.AddSingleton<PendingWarnings>();
        services.AddSingleton<UploadService>();
        services.AddHostedService<PipelineWorker>();
        services.AddOptions<FormOptions>().Configure<IOptions<UploadOptions>>((form, upload) =>
            form.MultipartBodyLengthLimit = upload.Value.MaxBytes + 64 * 1024);
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Partitioned by the public key id (never the secret), or by address for requests without a key in shape.
            limiter.AddPolicy(ReportsApi.RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                SourceKeys.KeyIdOf(ReportsApi.BearerKey(context.Request)) ?? "address:" + context.Connection.RemoteIpAddress,
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IOptions<UploadOptions>>().Value.PermitsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });
        return services;
    }

    private static void UseHeraldUploads(this WebApplication app)
    {
        app.UseRateLimiter();
        // The upload page reads its form before its handler runs: its body limit is set here, from the same options.
        app.UseWhen(c => HttpMethods.IsPost(c.Request.Method) && c.Request.Path.StartsWithSegments("/upload"), branch => branch.Use(async (context, next) =>
        {
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                size.MaxRequestBodySize = context.RequestServices.GetRequiredService<IOptions<UploadOptions>>().Value.MaxBytes + 64 * 1024;
            await next(context);
        }));
        app.MapReportsApi();
    }
}

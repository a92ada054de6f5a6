using Microsoft.AspNetCore.Http.Features;
using Scalar.AspNetCore;

namespace BillingOrchestrator.Web.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Problem details for every error, request size limits, OpenAPI, and the thread-pool floor.</summary>
    public static WebApplicationBuilder AddWebInfrastructure(this WebApplicationBuilder builder)
    {
        ThreadPoolFloor.Apply(builder.Configuration);
        ReverseProxy.Configure(builder);
        var maxBody = builder.Configuration.GetValue<long?>("Limits:MaxRequestBodyBytes") ?? 1024 * 1024;
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = maxBody);
        builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = maxBody);
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        return builder;
    }

    public static WebApplication UseWebInfrastructure(this WebApplication app)
    {
        if (ReverseProxy.Enabled(app.Configuration))
        {
            app.UseForwardedHeaders();
        }

        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>The OpenAPI document at /openapi/v1.json and the Scalar UI at /scalar, both for signed-in users only.</summary>
    public static WebApplication MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi().RequireAuthorization(Auth.Policies.AnyRole);
        app.MapScalarApiReference().RequireAuthorization(Auth.Policies.AnyRole);
        return app;
    }
}

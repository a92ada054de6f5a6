using BillingOrchestrator.Workflows.Diagnostics;
using Microsoft.AspNetCore.Http;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace BillingOrchestrator.Web.Observability;

public static class DependencyInjection
{
    /// <summary>
    /// OpenTelemetry traces, metrics and logs for the product's sources, ASP.NET Core and outgoing HTTP. Exported over
    /// OTLP only when <c>OpenTelemetry:OtlpEndpoint</c> is set; without it the instruments still feed in-process
    /// listeners (tests) and cost next to nothing. Problem details carry the request's correlation id.
    /// </summary>
    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        var endpoint = builder.Configuration["OpenTelemetry:OtlpEndpoint"];
        var otlp = Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? uri : null;
        var serviceName = builder.Configuration["OpenTelemetry:ServiceName"] is { Length: > 0 } name ? name : "billing-orchestrator";

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName, serviceInstanceId: builder.Configuration["Workflows:NodeId"] is { Length: > 0 } node ? node : null))
            .WithTracing(t =>
            {
                t.AddSource(WorkflowTelemetry.Name, ProductTelemetry.Name)
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/_blazor"))
                    .AddHttpClientInstrumentation();
                if (otlp is not null)
                {
                    t.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            })
            .WithMetrics(m =>
            {
                m.AddMeter(WorkflowTelemetry.Name, ProductTelemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (otlp is not null)
                {
                    m.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            });
        if (otlp is not null)
        {
            telemetry.WithLogging(l => l.AddOtlpExporter(o => o.Endpoint = otlp), o =>
            {
                o.IncludeScopes = true;
                o.IncludeFormattedMessage = true;
            });
        }

        builder.Services.Configure<ProblemDetailsOptions>(o =>
        {
            var previous = o.CustomizeProblemDetails;
            o.CustomizeProblemDetails = context =>
            {
                previous?.Invoke(context);
                if (CorrelationId.Of(context.HttpContext) is { } id)
                {
                    context.ProblemDetails.Extensions["correlationId"] = id;
                }
            };
        });
        return builder;
    }
}

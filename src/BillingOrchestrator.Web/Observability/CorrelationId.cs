using System.Diagnostics;

namespace BillingOrchestrator.Web.Observability;

/// <summary>
/// Every request carries a correlation id: the caller's <c>X-Correlation-Id</c> when it is a sane token, otherwise the
/// trace id. It is echoed on the response, placed in a logging scope (<c>CorrelationId</c>) for every log line of the
/// request, tagged on the request's trace span, and added to problem details as <c>correlationId</c>.
/// </summary>
public static partial class CorrelationId
{
    public const string Header = "X-Correlation-Id";
    public const string ScopeKey = "CorrelationId";
    public const string SpanTag = "correlation.id";
    private const int MaxLength = 64;
    private static readonly object ItemKey = new();

    /// <summary>The current request's correlation id, or null outside a request that went through the middleware.</summary>
    public static string? Of(HttpContext context) => context.Items.TryGetValue(ItemKey, out var id) ? id as string : null;

    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var id = Accept(context.Request.Headers[Header].ToString()) ?? Activity.Current?.TraceId.ToHexString() ?? Guid.NewGuid().ToString("N");
            context.Items[ItemKey] = id;
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[Header] = id;
                return Task.CompletedTask;
            });
            Activity.Current?.SetTag(SpanTag, id);
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory);
            using (logger.BeginScope(new Dictionary<string, object> { [ScopeKey] = id }))
            {
                var started = Stopwatch.GetTimestamp();
                await next();
                if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/odata"))
                {
                    LogAnswered(logger, context.Request.Method, context.Request.Path, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        });

    /// <summary>The category of the one structured line each API request writes.</summary>
    public const string LogCategory = "BillingOrchestrator.Requests";

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} answered {StatusCode} in {ElapsedMs:0.0} ms")]
    private static partial void LogAnswered(ILogger logger, string method, PathString path, int statusCode, double elapsedMs);

    // A caller's id is echoed into headers and logs: only short tokens of letters, digits and - _ . : are taken.
    private static string? Accept(string value) =>
        value.Length is > 0 and <= MaxLength && Token().IsMatch(value) ? value : null;

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9._:-]+$")]
    private static partial System.Text.RegularExpressions.Regex Token();
}

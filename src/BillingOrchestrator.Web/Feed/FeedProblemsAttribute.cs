using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.Extensions.Options;
using Microsoft.OData;

namespace BillingOrchestrator.Web.Feed;

/// <summary>
/// The feed answers bad queries as every other endpoint does: an RFC 7807 problem with the reason, never OData's own
/// error body, whose <c>innererror</c> carries the exception's type and stack trace. A query that fails while its rows
/// are evaluated (<c>length(Message) div 0</c>, during serialization) is the caller's mistake too: 400, not 500.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class FeedProblemsAttribute : Attribute, IAsyncAlwaysRunResultFilter, IExceptionFilter
{
    public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        // EnableQuery refuses a query with an ODataError, or a SerializableError built from the exception (its stack trace included).
        var status = (context.Result as IStatusCodeActionResult)?.StatusCode ?? StatusCodes.Status400BadRequest;
        var refusal = context.Result switch
        {
            IODataErrorResult { Error: var error } => error?.Message ?? "",
            ObjectResult { Value: ODataError error } => error.Message ?? "",
            ObjectResult { Value: SerializableError error } => (error.GetValueOrDefault("ExceptionMessage") ?? error.GetValueOrDefault("Message"))?.ToString() ?? "",
            _ => null,
        };
        if (refusal is not null)
        {
            context.Result = Problem(refusal, status >= 400 ? status : StatusCodes.Status400BadRequest);
        }

        var executed = await next();
        if (executed is { Exception: { } exception, ExceptionHandled: false } && QueryFault(exception) is { } fault && !context.HttpContext.Response.HasStarted)
        {
            executed.ExceptionHandled = true;
            context.HttpContext.Response.Clear();
            await Problem($"The query cannot be evaluated: {fault.Message}", StatusCodes.Status400BadRequest).ExecuteResultAsync(context);
        }
    }

    public void OnException(ExceptionContext context)
    {
        if (QueryFault(context.Exception) is { } fault)
        {
            context.Result = Problem($"The query cannot be evaluated: {fault.Message}", StatusCodes.Status400BadRequest);
            context.ExceptionHandled = true;
        }
    }

    /// <summary>
    /// A failure a query option causes while the rows are filtered, sorted or projected; OData applies the query by
    /// reflection, so it arrives wrapped in a <see cref="TargetInvocationException"/>.
    /// </summary>
    private static Exception? QueryFault(Exception exception)
    {
        var fault = exception is TargetInvocationException { InnerException: { } inner } ? inner : exception;
        return fault is ArithmeticException or ODataException or FormatException or InvalidCastException ? fault : null;
    }

    private static ProblemActionResult Problem(string? detail, int status) =>
        new(new ProblemDetails { Status = status, Title = "The query is not valid", Detail = string.IsNullOrWhiteSpace(detail) ? "The query is not valid." : detail });

    // Written as JSON directly: on an OData route, content negotiation would hand a ProblemDetails to OData's formatter,
    // which writes nothing. The product's customisation (the correlation id) is applied as for every other problem.
    private sealed class ProblemActionResult(ProblemDetails problem) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context)
        {
            var http = context.HttpContext;
            http.RequestServices.GetRequiredService<IOptions<ProblemDetailsOptions>>().Value.CustomizeProblemDetails?.Invoke(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
            return Results.Json(problem, contentType: "application/problem+json", statusCode: problem.Status).ExecuteAsync(http);
        }
    }
}

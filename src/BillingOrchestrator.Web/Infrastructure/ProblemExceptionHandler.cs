using System.Text.Json;
using BillingOrchestrator.Evidence.Store;
using BillingOrchestrator.Workflows.Definitions;
using BillingOrchestrator.Workflows.Runtime;
using Microsoft.AspNetCore.Diagnostics;

namespace BillingOrchestrator.Web.Infrastructure;

/// <summary>Turns the engine's refusals into problem details: 400 naming the field, 403, 404, 409 with the reason (an altered evidence file names the file and both hashes). Anything else is a 500 without internals.</summary>
internal sealed class ProblemExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        IResult? result = exception switch
        {
            WorkflowValidationException v => Problems.Invalid(v.Problems),
            InvalidDefinitionException d => Problems.Invalid(d.Errors.Select(e => (e.Path, e.Message))),
            WorkflowConflictException c => TypedResults.Problem(c.Message, statusCode: StatusCodes.Status409Conflict, title: "Conflict", extensions: c.Details),
            WorkflowNotFoundException n => Problems.NotFound(n.Message),
            EvidenceIntegrityException e => TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "Evidence file altered", extensions: new Dictionary<string, object?>
            {
                ["file"] = e.FileName,
                ["expectedSha256"] = e.Sha256,
                ["actualSha256"] = e.ActualSha256,
            }),
            WorkflowForbiddenException f => TypedResults.Problem(f.Message, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed"),
            BadHttpRequestException { InnerException: JsonException json } => Problems.Invalid([(JsonField(json.Path), Describe(json))]),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => TypedResults.Problem("The request body is larger than this endpoint accepts.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large"),
            BadHttpRequestException bad => TypedResults.Problem(bad.Message, statusCode: bad.StatusCode, title: "Bad request"),
            _ => null,
        };

        if (result is null)
        {
            return false;
        }

        await result.ExecuteAsync(httpContext);
        return true;
    }

    private static string JsonField(string? path) => string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');

    // System.Text.Json's messages name CLR types; users need to know what to send instead.
    private static string Describe(JsonException json) =>
        json.Message.Contains("could not be converted", StringComparison.Ordinal)
            ? "has the wrong type for this field (for example text where a number is expected)"
            : json.LineNumber is { } line ? $"the body is not valid JSON (line {line + 1}, position {json.BytePositionInLine + 1})" : "the body is not valid JSON";
}

using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOrchestrator.Web.Infrastructure;

/// <summary>RFC 7807 responses. Validation problems carry <c>errors</c>: each offending field with its reasons.</summary>
public static class Problems
{
    public static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ValidationProblem Invalid(IEnumerable<(string Field, string Reason)> problems) =>
        TypedResults.ValidationProblem(
            problems.GroupBy(p => p.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(p => p.Reason).ToArray()),
            title: "The request is not valid",
            detail: string.Join("; ", problems.Select(p => $"{p.Field}: {p.Reason}")));
}

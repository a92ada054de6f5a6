using BillingOrchestrator.Workflows.Runtime;

namespace BillingOrchestrator.Web.Endpoints;

/// <summary>Parses optional query parameters, naming the parameter in the error when a value is wrong.</summary>
internal static class Query
{
    public const int MaxPageSize = 200;

    public static TEnum? Enum<TEnum>(string? value, string field)
        where TEnum : struct, System.Enum
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return System.Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed)
            ? parsed
            : throw new WorkflowValidationException(field, $"must be one of {string.Join(", ", System.Enum.GetNames<TEnum>())}");
    }

    public static (int Page, int PageSize) Paging(int? page, int? pageSize)
    {
        var problems = new List<(string, string)>();
        if (page is < 1)
        {
            problems.Add(("page", "must be 1 or more"));
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            problems.Add(("pageSize", $"must be from 1 to {MaxPageSize}"));
        }

        return problems.Count > 0 ? throw new WorkflowValidationException(problems) : (page ?? 1, pageSize ?? 50);
    }
}

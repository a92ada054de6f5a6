using System.Text.Json.Nodes;
using BillingOrchestrator.Workflows.Definitions;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Web.Exceptions;

/// <summary>
/// The exception policy definitions may read (<c>"setting"</c> on a variable): the same
/// <see cref="ExceptionOptions.MaterialityThreshold"/> the exception endpoints apply, and nothing else of the configuration.
/// </summary>
public sealed class ExceptionWorkflowSettings(IOptions<ExceptionOptions> options) : IWorkflowSettings
{
    public const string MaterialityThreshold = "Exceptions:MaterialityThreshold";

    public bool TryGet(string name, out JsonNode? value)
    {
        value = name == MaterialityThreshold ? JsonValue.Create(options.Value.MaterialityThreshold) : null;
        return value is not null;
    }
}

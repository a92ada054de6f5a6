using System.Text.Json.Nodes;

namespace BillingOrchestrator.Workflows.Definitions;

/// <summary>
/// Policy values a definition reads from the host's configuration: a variable declared with
/// <c>"setting": "Exceptions:MaterialityThreshold"</c> takes this value when an instance starts, and a start input may
/// not set it. The host decides which settings exist, so a definition cannot read any other configuration.
/// </summary>
public interface IWorkflowSettings
{
    /// <summary>The value of <paramref name="name"/>, or false when the host offers no such setting.</summary>
    bool TryGet(string name, out JsonNode? value);
}

/// <summary>A host that offers no settings.</summary>
internal sealed class NoWorkflowSettings : IWorkflowSettings
{
    public bool TryGet(string name, out JsonNode? value)
    {
        value = null;
        return false;
    }
}

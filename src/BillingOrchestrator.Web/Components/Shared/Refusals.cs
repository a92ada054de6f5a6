using BillingOrchestrator.Workflows.Definitions;
using BillingOrchestrator.Workflows.Runtime;

namespace BillingOrchestrator.Web.Components.Shared;

/// <summary>Turns the engine's refusals into words for a person: the same reasons the API returns as problem details.</summary>
public static class Refusals
{
    public static bool IsRefusal(Exception exception) =>
        exception is WorkflowValidationException or WorkflowConflictException or WorkflowForbiddenException or WorkflowNotFoundException or InvalidDefinitionException;

    public static string Describe(Exception exception) => exception switch
    {
        WorkflowValidationException v => string.Join("; ", v.Problems.Select(p => $"{p.Field}: {p.Reason}")),
        InvalidDefinitionException d => string.Join("; ", d.Errors.Select(e => $"{e.Path}: {e.Message}")),
        WorkflowConflictException c => "Conflict: " + c.Message,
        WorkflowForbiddenException f => "Not allowed: " + f.Message,
        WorkflowNotFoundException n => "Not found: " + n.Message,
        _ => "Something went wrong; nothing was changed. Try again, and tell an admin if it keeps happening.",
    };
}

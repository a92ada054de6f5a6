using BillingOrchestrator.Evidence.Items;
using BillingOrchestrator.Evidence.Store;
using BillingOrchestrator.Web.Playbook;
using BillingOrchestrator.Workflows.Definitions;
using BillingOrchestrator.Workflows.Runtime;

namespace BillingOrchestrator.Web.Evidence;

/// <summary>Where evidence goes: an existing instance, optionally one of its activities, and the playbook step and gate that tags it.</summary>
internal sealed record EvidenceTarget(string InstanceId, string? ActivityId, int? Step, string? GateId)
{
    /// <exception cref="WorkflowNotFoundException">The instance does not exist.</exception>
    /// <exception cref="WorkflowValidationException">The activity is not one of the instance's definition.</exception>
    public static async Task<EvidenceTarget> ResolveAsync(IWorkflowInstanceStore instances, WorkflowDefinitionCache definitions, string instanceId, string? activityId, CancellationToken cancellationToken)
    {
        var instance = await instances.FindAsync(instanceId, cancellationToken)
            ?? throw new WorkflowNotFoundException($"Instance {instanceId} does not exist.");
        var definition = await definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, cancellationToken);
        if (activityId is not null && definition.FindActivity(activityId) is null)
        {
            throw new WorkflowValidationException("activityId", $"'{activityId}' is not an activity of {definition.DefinitionId} v{definition.Version}");
        }

        var (step, gate) = PlaybookSteps.TagsFor(definition, activityId);
        return new EvidenceTarget(instance.Id, activityId, step, gate);
    }

    /// <summary>A new evidence item here; <paramref name="controls"/> were validated by the command.</summary>
    public EvidenceItem Item(EvidenceKind kind, string name, StoredFile? stored, IReadOnlyList<string> controls, WorkflowActor actor, DateTimeOffset now, string? note = null, string? url = null) => new()
    {
        Id = Guid.CreateVersion7().ToString("N"),
        InstanceId = InstanceId,
        ActivityId = ActivityId,
        Step = Step,
        GateId = GateId,
        Kind = kind,
        Name = name,
        Sha256 = stored?.Sha256,
        ContentType = stored?.ContentType,
        Length = stored?.Length,
        Note = note,
        Url = url,
        Controls = [.. controls.Select(c => EvidenceControls.Normalize(c)!).Distinct()],
        CreatedBy = actor.Name,
        CreatedAt = now,
    };
}

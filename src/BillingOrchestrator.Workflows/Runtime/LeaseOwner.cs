using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Workflows.Runtime;

/// <summary>This process's lease identity: <c>{nodeId}/{run}</c>. The node part survives restarts so a host can reclaim its own leases.</summary>
public sealed class LeaseOwner(IOptions<WorkflowRuntimeOptions> options)
{
    public string NodeId { get; } = string.IsNullOrWhiteSpace(options.Value.NodeId) ? Environment.MachineName : options.Value.NodeId;

    public string Id { get; } = $"{(string.IsNullOrWhiteSpace(options.Value.NodeId) ? Environment.MachineName : options.Value.NodeId)}/{Guid.NewGuid():N}";
}

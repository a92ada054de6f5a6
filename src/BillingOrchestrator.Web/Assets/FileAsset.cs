using System.Security.Cryptography;
using BillingOrchestrator.Evidence.Items;
using BillingOrchestrator.Web.Commands;
using BillingOrchestrator.Web.Evidence;
using BillingOrchestrator.Workflows.Runtime;
using Mediator;

namespace BillingOrchestrator.Web.Assets;

/// <summary>
/// Generates an implementation asset now and files it as evidence of an instance (and step): the rollout's week 4
/// publishes the runbook, a governance review keeps the executive brief. Filing the same content twice files it once.
/// </summary>
public sealed record FileAsset(string InstanceId, string Asset, string? ActivityId, WorkflowActor Actor) : ICommand<EvidenceItem>, IAuditedCommand
{
    public string AuditAction => "assets.file";

    public string? AuditSubject => $"instance:{InstanceId}";

    public IEnumerable<(string Field, string Reason)> Validate()
    {
        if (!ImplementationAssets.Names.Contains(Asset))
        {
            yield return ("asset", $"must be one of {string.Join(", ", ImplementationAssets.Names)}");
        }
    }

    /// <summary>The controls each asset evidences.</summary>
    public static IReadOnlyList<string> ControlsOf(string asset) => asset switch
    {
        ImplementationAssets.KpiRegisterName => [EvidenceControls.Observability, EvidenceControls.FinancialTelemetry],
        ImplementationAssets.ExecutiveBriefName => [EvidenceControls.FinancialTelemetry],
        _ => [EvidenceControls.HumanOversight],
    };
}

public sealed class FileAssetHandler(ImplementationAssets assets, SystemArtefacts artefacts, TimeProvider time) : ICommandHandler<FileAsset, EvidenceItem>
{
    public async ValueTask<EvidenceItem> Handle(FileAsset command, CancellationToken cancellationToken)
    {
        var asset = await assets.GenerateAsync(command.Asset, cancellationToken);
        var sha = Convert.ToHexStringLower(SHA256.HashData(asset.Content));
        var fileName = $"{Path.GetFileNameWithoutExtension(asset.Name)}-{time.GetUtcNow():yyyy-MM-dd}{Path.GetExtension(asset.Name)}";
        return await artefacts.CaptureAsync(
            $"asset:{asset.Name}:{command.InstanceId}:{command.ActivityId}:{sha}", command.InstanceId, command.ActivityId, fileName, asset.Content, asset.ContentType.Split(';')[0], $"/api/assets/{asset.Name}",
            FileAsset.ControlsOf(asset.Name), command.Actor.Name, cancellationToken);
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BillingOrchestrator.Billing.Exceptions;
using BillingOrchestrator.Evidence.Items;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Persistence.Billing;
using BillingOrchestrator.Web.Playbook;
using BillingOrchestrator.Workflows.Activities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Web.Exceptions;

/// <summary>
/// The workflow action <c>controls.sample</c>: the monthly control sample of manual overrides (agreement rule
/// overrides) and write-offs, drawn with a seed derived from the instance and recorded with it; the review task that
/// follows in the workflow works through it. Filed as evidence too.
/// </summary>
public sealed class ControlSampleAction : ArtefactAction
{
    public override string Name => "controls.sample";

    protected override string FileName => "control-sample.json";

    public override IReadOnlyList<string> Controls => [EvidenceControls.ExceptionApprovals, EvidenceControls.HumanOversight];

    protected override async Task<(object Report, string SourceUrl, JsonObject Output)> BuildAsync(IServiceProvider services, ActivityExecutionContext context, JsonNode? input, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<BillingDbContext>();
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("sample:" + context.IdempotencyKey)))[..32];
        var sample = await db.Set<ControlSample>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (sample is null)
        {
            var catalog = await services.GetRequiredService<CatalogStore>().LoadCatalogAsync(cancellationToken);
            var writeOffs = await db.Set<BillingException>().AsNoTracking().Where(e => e.Disposition == Disposition.WriteOff && e.Status == ExceptionStatus.Closed).ToListAsync(cancellationToken);
            var population = catalog.Overrides
                .Select(o => new SampledItem("override", $"agreement:{o.AgreementId}:v{o.Version.Number}", o.Version.ChangeReason, o.Version.ApprovedBy, $"/api/catalog/agreements/{o.AgreementId}"))
                .Concat(writeOffs.Select(e => new SampledItem("write-off", $"exception:{e.Id}", $"{e.Amount:0.00} USD: {e.Reason}", e.DecidedBy, $"/api/exceptions/{e.Id}")))
                .ToList();
            var seed = BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(context.Instance.Id)), 0) & int.MaxValue;
            var size = input?["size"]?.GetValue<int>() ?? services.GetRequiredService<IOptions<ExceptionOptions>>().Value.SampleSize;
            sample = new ControlSample
            {
                Id = id,
                InstanceId = context.Instance.Id,
                Seed = seed,
                Population = population.Count,
                Items = ControlSample.Draw(population, size, seed),
                CreatedAt = context.Now,
            };
            db.Add(sample);
            await db.SaveChangesAsync(cancellationToken);
        }

        return (sample, $"/api/control-samples?instanceId={context.Instance.Id}", new JsonObject
        {
            ["sampleId"] = sample.Id,
            ["seed"] = sample.Seed,
            ["population"] = sample.Population,
            ["sampled"] = sample.Items.Count,
        });
    }
}

using System.Globalization;
using BillingOrchestrator.Billing.Demo;
using BillingOrchestrator.Billing.Sync;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Persistence.Billing;
using BillingOrchestrator.Web.Auth;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Web.Demo;

/// <summary>
/// On the first start with <c>Demo:Enabled</c>, loads the deterministic demo MSP (about 60,000 time entries with
/// known leakage) into the database, with its catalog and coding standard, and writes the ground truth beside it
/// under <c>{DataDirectory}/demo</c>. Never runs when the database already holds PSA data.
/// </summary>
internal sealed partial class DemoDataSeeder(IServiceScopeFactory scopes, IOptions<DemoOptions> demo, IConfiguration configuration, ILogger<DemoDataSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!demo.Value.Enabled || !demo.Value.LoadData)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var data = scope.ServiceProvider.GetRequiredService<BillingDataStore>();
        if ((await data.CountsAsync(cancellationToken)).Count > 0)
        {
            return;
        }

        var started = TimeProvider.System.GetTimestamp();
        var set = DemoDataGenerator.Generate(DemoDataOptions.Default);
        await scope.ServiceProvider.GetRequiredService<IPsaRecordStore>().ReplaceAllAsync(PsaRecords.From(set.Snapshot), "demo", cancellationToken);
        await data.SetSettingsAsync(
            new Dictionary<string, string>
            {
                [BillingDataStore.OwnCompanySetting] = set.Snapshot.OwnCompanyId.ToString(CultureInfo.InvariantCulture),
                [BillingDataStore.PeriodStartSetting] = set.Snapshot.PeriodStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                [BillingDataStore.PeriodEndSetting] = set.Snapshot.PeriodEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            },
            cancellationToken);

        var catalogs = scope.ServiceProvider.GetRequiredService<CatalogStore>();
        foreach (var typeId in set.Catalog.RuleSets.Select(r => r.AgreementTypeId).Distinct())
        {
            await catalogs.SaveRuleSetsAsync(set.Catalog, typeId, cancellationToken);
        }

        foreach (var agreementId in set.Catalog.Overrides.Select(o => o.AgreementId).Distinct())
        {
            await catalogs.SaveOverridesAsync(set.Catalog, agreementId, cancellationToken);
        }

        foreach (var (agreementId, owner) in set.Catalog.Owners)
        {
            await catalogs.SaveOwnerAsync(agreementId, owner, "demo", cancellationToken);
        }

        await catalogs.SaveCodingStandardAsync(set.CodingStandard, cancellationToken);
        await set.WriteAsync(Path.Combine(Persistence.DependencyInjection.DataDirectory(configuration), "demo"), cancellationToken);
        LogSeeded(logger, set.Snapshot.TimeEntries.Count, set.Snapshot.Agreements.Count, set.GroundTruth.Cases.Count, TimeProvider.System.GetElapsedTime(started).TotalSeconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data loaded: {TimeEntries} time entries, {Agreements} agreements, {Leaks} known leakage cases ({Seconds:0.0} s)")]
    private static partial void LogSeeded(ILogger logger, int timeEntries, int agreements, int leaks, double seconds);
}

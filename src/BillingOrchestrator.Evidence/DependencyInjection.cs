using BillingOrchestrator.Evidence.Briefs;
using BillingOrchestrator.Evidence.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOrchestrator.Evidence;

public static class DependencyInjection
{
    /// <summary>The evidence file store under <c>{DataDirectory}/evidence</c> and the PDF brief renderer.</summary>
    public static IServiceCollection AddEvidence(this IServiceCollection services, string dataDirectory, IConfiguration configuration)
    {
        services.Configure<EvidenceOptions>(configuration.GetSection(EvidenceOptions.Section));
        services.AddSingleton<IEvidenceFileStore>(new FileSystemEvidenceStore(Path.Combine(dataDirectory, "evidence")));
        services.AddSingleton(_ => new PdfBriefRenderer());
        services.AddSingleton(_ => new PdfReportRenderer());
        return services;
    }
}

/// <summary>Evidence upload limits, bound from the <c>Evidence</c> section.</summary>
public sealed class EvidenceOptions
{
    public const string Section = "Evidence";

    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Limits on evidence pack (ZIP) imports: <c>Evidence:Pack:MaxEntries</c> and so on.</summary>
    public Packs.EvidencePackLimits Pack { get; set; } = new();
}

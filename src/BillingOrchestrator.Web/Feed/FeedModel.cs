using Microsoft.OData.Edm;
using Microsoft.OData.ModelBuilder;

namespace BillingOrchestrator.Web.Feed;

/// <summary>The feed's entity data model: what <c>/odata/$metadata</c> describes.</summary>
public static class FeedModel
{
    public const string Namespace = "BillingOrchestrator";

    public static IEdmModel Build()
    {
        var builder = new ODataConventionModelBuilder { Namespace = Namespace, ContainerName = "Feed" };
        builder.EntitySet<LeakageFactRow>("LeakageFacts").EntityType.Name = "LeakageFact";
        builder.EntitySet<FindingRow>("Findings").EntityType.Name = "Finding";
        builder.EntitySet<KpiPointRow>("KpiSeries").EntityType.Name = "KpiPoint";
        builder.EntitySet<AgreementRow>("Agreements").EntityType.Name = "Agreement";
        builder.EntitySet<TimeEntryRow>("TimeEntries").EntityType.Name = "TimeEntry";
        builder.EntitySet<ExceptionRow>("Exceptions").EntityType.Name = "Exception";
        foreach (var type in builder.StructuralTypes)
        {
            type.Namespace = Namespace;
        }

        return builder.GetEdmModel();
    }
}

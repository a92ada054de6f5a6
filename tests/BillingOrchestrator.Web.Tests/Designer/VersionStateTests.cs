using BillingOrchestrator.Web.Components.Pages.Designer;
using BillingOrchestrator.Workflows.Definitions;

namespace BillingOrchestrator.Web.Tests.Designer;

public sealed class VersionStateTests
{
    [Theory]
    [InlineData(true, true, "published")]
    [InlineData(false, true, "superseded")]
    [InlineData(false, false, "draft")]
    public void Version_IsLabelledByWhatHappenedToIt(bool isPublished, bool wasPublished, string expected)
    {
        var definition = new StoredDefinition
        {
            Id = "x",
            DefinitionId = "d",
            Version = 2,
            Name = "D",
            Json = "{}",
            ContentHash = "h",
            IsPublished = isPublished,
            PublishedAt = wasPublished ? DateTimeOffset.UnixEpoch : null,
        };

        DesignerPage.VersionState(definition).ShouldBe(expected);
    }
}

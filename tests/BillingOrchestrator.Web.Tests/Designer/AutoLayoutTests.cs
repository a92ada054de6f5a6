using BillingOrchestrator.Web.Components.Pages.Designer;
using BillingOrchestrator.Workflows.Definitions;

namespace BillingOrchestrator.Web.Tests.Designer;

public sealed class AutoLayoutTests
{
    [Fact]
    public void Apply_WithoutStoredPositions_PlacesActivitiesLeftToRightByDistanceFromTheStart()
    {
        var model = DesignerModel.FromJson(Definitions.GateWithoutPositions);

        AutoLayout.Apply(model).ShouldBe(4);

        X(model, "start").ShouldBe(0);
        X(model, "review").ShouldBe(AutoLayout.ColumnWidth);
        X(model, "gate").ShouldBe(2 * AutoLayout.ColumnWidth);
        // "end" is reached straight from review (Reject), so it shares the gate's column, in the next row.
        X(model, "end").ShouldBe(2 * AutoLayout.ColumnWidth);
        model.Activities.Select(a => a.Position).Distinct().Count().ShouldBe(4);
    }

    [Fact]
    public void Apply_KeepsStoredPositions()
    {
        var model = DesignerModel.FromJson(Definitions.BillingExceptionApproval);
        var before = model.Activities.ToDictionary(a => a.Id, a => a.Position);

        AutoLayout.Apply(model).ShouldBe(0);

        model.Activities.ShouldAllBe(a => a.Position == before[a.Id]);
    }

    [Fact]
    public void Apply_ToALongChain_WrapsIntoBandsWithoutOverlap()
    {
        var activities = string.Join(",", Enumerable.Range(1, 20).Select(i => $$"""{ "id": "a{{i}}", "type": "Notify", "to": "FinanceLead", "subject": "s" }"""));
        var connections = string.Join(",", Enumerable.Range(2, 19).Select(i => $$"""{ "source": "a{{i - 1}}", "target": "a{{i}}" }"""));
        var model = DesignerModel.FromJson($$"""{ "definitionId": "chain", "name": "Chain", "activities": [{{activities}}], "connections": [{{connections}}] }""");

        AutoLayout.Apply(model);

        model.Activities.Max(a => a.Position!.X).ShouldBe((AutoLayout.ColumnsPerBand - 1) * AutoLayout.ColumnWidth);
        model.Activities.Select(a => a.Position).Distinct().Count().ShouldBe(20);
    }

    private static double X(DesignerModel model, string id) => model.Find(id)!.Position!.X;
}

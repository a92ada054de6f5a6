using BillingOrchestrator.Web.Components.Pages.Designer;
using BillingOrchestrator.Workflows.Definitions;

namespace BillingOrchestrator.Web.Tests.Designer;

public sealed class DefinitionDiffTests
{
    [Fact]
    public void Compare_ApproverRoleChanged_ReportsThatOneChange()
    {
        var published = DesignerModel.FromJson(Definitions.GateWithoutPositions);
        var draft = DesignerModel.FromJson(Definitions.GateWithoutPositions);
        draft.Find("gate")!.SetString("approverRole", "FinanceLead");

        var changes = DefinitionDiff.Compare(published, draft);

        changes.ShouldHaveSingleItem().ShouldBe(new DefinitionChange(ChangeKind.Changed, "activity gate", "approverRole: ServiceManager → FinanceLead"));
    }

    [Fact]
    public void Compare_ActivityAddedAndConnected_ReportsTheActivityAndItsConnection()
    {
        var published = DesignerModel.FromJson(Definitions.GateWithoutPositions);
        var draft = DesignerModel.FromJson(Definitions.GateWithoutPositions);
        var notify = draft.Add("Notify");
        draft.Connect("gate", "Approved", notify.Id);

        var changes = DefinitionDiff.Compare(published, draft);

        changes.ShouldContain(c => c.Kind == ChangeKind.Added && c.Subject == $"activity {notify.Id}");
        changes.ShouldContain(c => c.Kind == ChangeKind.Added && c.Subject == "connection" && c.Detail == $"gate —Approved→ {notify.Id}");
    }

    [Fact]
    public void Compare_OnlyPositionsMoved_ReportsNothing()
    {
        var published = DesignerModel.FromJson(Definitions.BillingExceptionApproval);
        var draft = DesignerModel.FromJson(Definitions.BillingExceptionApproval);
        draft.Find("review")!.Position = new DesignerPosition(999, 999);

        DefinitionDiff.Compare(published, draft).ShouldBeEmpty();
    }

    [Fact]
    public void Compare_MaterialityThresholdChanged_ReportsTheVariables()
    {
        var published = DesignerModel.FromJson(Definitions.BillingExceptionApproval);
        var draft = DesignerModel.FromJson(Definitions.BillingExceptionApproval);
        draft.SetVariableDefault("materialityThreshold", 1000);

        var change = DefinitionDiff.Compare(published, draft).ShouldHaveSingleItem();

        change.Subject.ShouldBe("definition");
        change.Detail.ShouldContain("\"default\":1000");
    }
}

using BillingOrchestrator.Web.Components.Pages.Designer;

namespace BillingOrchestrator.Web.Tests.Designer;

public sealed class DesignerValidationTests
{
    [Fact]
    public void Run_GateWithoutApproverRole_PutsTheErrorOnTheGate()
    {
        var model = DesignerModel.FromJson(Definitions.GateWithoutPositions);
        model.Find("gate")!.SetString("approverRole", null);

        var validation = DesignerValidation.Run(model, Definitions.Parser());

        validation.IsValid.ShouldBeFalse();
        validation.For("gate").ShouldHaveSingleItem().ShouldStartWith("approverRole:");
        validation.For("review").ShouldBeEmpty();
    }

    [Fact]
    public void Run_ConnectionOnAnOutcomeTheSourceLacks_PutsTheErrorOnTheSource()
    {
        var model = DesignerModel.FromJson(Definitions.GateWithoutPositions);
        model.Connect("gate", "Maybe", "end");

        var validation = DesignerValidation.Run(model, Definitions.Parser());

        validation.For("gate").ShouldHaveSingleItem().ShouldContain("no outcome 'Maybe'");
    }

    [Fact]
    public void Run_UnreachableActivity_IsAGeneralError()
    {
        var model = DesignerModel.FromJson(Definitions.GateWithoutPositions);
        model.Add("Notify");

        var validation = DesignerValidation.Run(model, Definitions.Parser());

        validation.General.ShouldHaveSingleItem().ShouldContain("exactly one activity must have no incoming connection");
    }
}

using System.Text.Json.Nodes;
using BillingOrchestrator.Web.Components.Pages.Designer;
using BillingOrchestrator.Workflows.Definitions;

namespace BillingOrchestrator.Web.Tests.Designer;

public sealed class DesignerModelTests
{
    [Fact]
    public void RoundTrip_OfTheRepositoryDefinition_KeepsEveryField()
    {
        var original = Definitions.BillingExceptionApproval;

        var written = DesignerModel.FromJson(original).ToJson();

        JsonNode.DeepEquals(JsonNode.Parse(original), JsonNode.Parse(written)).ShouldBeTrue(written);
    }

    [Fact]
    public void RoundTrip_AfterEditingAGate_ChangesOnlyThatInputAndStillParses()
    {
        var model = DesignerModel.FromJson(Definitions.GateWithoutPositions);
        model.Find("gate")!.SetString("approverRole", "FinanceLead");

        var written = JsonNode.Parse(model.ToJson())!;

        var gate = written["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "gate")!;
        gate["approverRole"]!.GetValue<string>().ShouldBe("FinanceLead");
        gate["evidence"]![0]!["label"]!.GetValue<string>().ShouldBe("Validation report");
        Definitions.Parser().Parse(model.ToJson(), "test").Errors.ShouldBeEmpty();
    }

    [Fact]
    public void Remove_TakesTheActivitysConnectionsWithIt()
    {
        var model = DesignerModel.FromJson(Definitions.GateWithoutPositions);

        model.Remove("gate");

        model.Find("gate").ShouldBeNull();
        model.Connections.ShouldNotContain(c => c.Source == "gate" || c.Target == "gate");
        model.Connections.Count.ShouldBe(2);
    }

    [Fact]
    public void Add_ConnectedGate_GetsAFreshIdAndTheInputsTheEngineRequires()
    {
        var model = DesignerModel.FromJson(Definitions.GateWithoutPositions);
        model.Connections.RemoveAll(c => c.Source == "gate" && c.Outcome == "Approved");

        var added = model.Add("QualityGate");
        model.Connect("gate", "Approved", added.Id);
        model.Connect(added.Id, "Approved", "end");
        model.Connect(added.Id, "Rejected", "review");

        added.Id.ShouldBe("qualitygate-5");
        Definitions.Parser().Parse(model.ToJson(), "test").Errors.ShouldBeEmpty();
    }

    [Fact]
    public void OutcomesOf_FollowTheActivityType()
    {
        var model = DesignerModel.FromJson(Definitions.GateWithoutPositions);

        DesignerModel.OutcomesOf(model.Find("gate")!).ShouldBe(["Approved", "Rejected"]);
        DesignerModel.OutcomesOf(model.Find("review")!).ShouldBe(["Approve", "Reject"]);
        DesignerModel.OutcomesOf(model.Find("start")!).ShouldBe([WorkflowDefinitionParser.DefaultOutcome]);
        DesignerModel.OutcomesOf(model.Find("end")!).ShouldBeEmpty();
    }
}

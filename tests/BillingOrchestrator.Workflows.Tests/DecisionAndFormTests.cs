using System.Text.Json.Nodes;
using BillingOrchestrator.Workflows.Activities.BuiltIn;
using BillingOrchestrator.Workflows.Tasks;

namespace BillingOrchestrator.Workflows.Tests;

public sealed class DecisionAndFormTests
{
    [Theory]
    [InlineData("gt", "1200.50", "1000", true)]
    [InlineData("gt", "1000", "1000", false)]
    [InlineData("ge", "1000", "1000.0", true)]
    [InlineData("lt", "5", "10", true)]
    [InlineData("eq", "\"Approve\"", "\"Approve\"", true)]
    [InlineData("ne", "\"Approve\"", "\"Reject\"", true)]
    [InlineData("in", "\"b\"", "[\"a\",\"b\"]", true)]
    [InlineData("in", "\"c\"", "[\"a\",\"b\"]", false)]
    public void Decision_ComparesNumbersByValueAndOthersExactly(string op, string actual, string expected, bool result) =>
        DecisionActivity.Evaluate(op, JsonNode.Parse(actual), JsonNode.Parse(expected)).ShouldBe(result);

    [Fact]
    public void Decision_MissingVariable_NeverEqualsAValueAndDoesNotExist()
    {
        DecisionActivity.Evaluate("eq", null, JsonValue.Create(0)).ShouldBeFalse();
        DecisionActivity.Evaluate("gt", null, JsonValue.Create(0)).ShouldBeFalse();
        DecisionActivity.Evaluate("exists", null, null).ShouldBeFalse();
    }

    [Fact]
    public void TaskForm_ReportsMissingRequiredFieldsAndWrongTypes()
    {
        const string form = """{ "fields": [ { "name": "reason", "required": true }, { "name": "hours", "type": "number" } ] }""";

        var problems = TaskForm.Check(form, "Done", new JsonObject { ["hours"] = "three" }, "Approved");

        problems.ShouldBe([("data.reason", "required field 'reason' is missing"), ("data.hours", "must be a number")]);
    }

    [Fact]
    public void TaskForm_GateApproval_NeedsRequiredEvidence_RejectionDoesNot()
    {
        const string form = """{ "evidence": [ { "name": "report", "label": "Report" }, { "name": "notes", "required": false } ] }""";

        TaskForm.Check(form, "Approved", null, "Approved").ShouldHaveSingleItem().Field.ShouldBe("data.evidence.report");
        TaskForm.Check(form, "Rejected", null, "Approved").ShouldBeEmpty();
        TaskForm.Check(form, "Approved", new JsonObject { ["evidence"] = new JsonObject { ["report"] = "sha256:1" } }, "Approved").ShouldBeEmpty();
    }

    [Fact]
    public void RetryPolicy_BacksOffExponentially()
    {
        var policy = new RetryPolicy(4, TimeSpan.FromSeconds(1), 2);

        policy.DelayBefore(2).ShouldBe(TimeSpan.FromSeconds(1));
        policy.DelayBefore(3).ShouldBe(TimeSpan.FromSeconds(2));
        policy.DelayBefore(4).ShouldBe(TimeSpan.FromSeconds(4));
    }
}

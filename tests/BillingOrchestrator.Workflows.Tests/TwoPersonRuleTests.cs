using BillingOrchestrator.Workflows.Definitions;
using BillingOrchestrator.Workflows.Instances;
using BillingOrchestrator.Workflows.Tasks;

namespace BillingOrchestrator.Workflows.Tests;

public sealed class TwoPersonRuleTests
{
    private readonly WorkflowDefinitionParser _parser = ParserFactory.Create();

    private static string Definition(string rule) => $$"""
    {
      "definitionId": "d", "name": "D",
      "activities": [
        { "id": "s", "type": "Start" },
        { "id": "review", "type": "UserTask", "role": "ServiceManager", "name": "Review" },
        { "id": "confirm", "type": "UserTask", "role": "FinanceLead", "name": "Confirm", "twoPersonRule": {{rule}} },
        { "id": "e", "type": "End" }
      ],
      "connections": [ { "source": "s", "target": "review" }, { "source": "review", "target": "confirm" }, { "source": "confirm", "target": "e" } ]
    }
    """;

    private static JournalEntry Completed(long id, string activityId, string actor) =>
        new() { Id = id, InstanceId = "i", ActivityId = activityId, Event = JournalEvents.TaskCompleted, Actor = actor };

    [Theory]
    [InlineData("""["ghost"]""", "no activity with id 'ghost'")]
    [InlineData("""["confirm"]""", "cannot be separated from itself")]
    [InlineData("""[]""", "non-empty array")]
    [InlineData("\"review\"", "non-empty array")]
    public void Parse_ABrokenTwoPersonRule_IsRefusedWithItsPath(string rule, string reason)
    {
        var error = _parser.Parse(Definition(rule), "d.json").Errors.ShouldHaveSingleItem();

        error.Path.ShouldBe("$.activities[2].twoPersonRule");
        error.Message.ShouldContain(reason);
    }

    [Fact]
    public void Refusal_NamesTheRule_ForWhoeverLastCompletedTheSeparatedActivity_AdminOrNot()
    {
        var definition = _parser.ParseOrThrow(Definition("""["review"]"""), "d.json");
        var confirm = definition.GetActivity("confirm");
        IReadOnlyList<JournalEntry> journal = [Completed(1, "review", "admin@x"), Completed(2, "confirm", "fin@x"), Completed(3, "review", "svc@x")];

        TwoPersonRule.Refusal(definition, confirm, TwoPersonRule.Of(confirm), journal, "SVC@x").ShouldBe("Two-person rule: you submitted 'Review', so another person must complete 'Confirm'.");
        TwoPersonRule.Refusal(definition, confirm, TwoPersonRule.Of(confirm), journal, "admin@x").ShouldBeNull("only the last completion of review counts");
    }
}

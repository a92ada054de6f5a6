using BillingOrchestrator.Workflows.Definitions;

namespace BillingOrchestrator.Workflows.Tests;

public sealed class WorkflowDefinitionParserTests
{
    private readonly WorkflowDefinitionParser _parser = ParserFactory.Create();

    private static string Definition(string activities, string connections = "[]") =>
        $$"""{ "definitionId": "d", "name": "D", "activities": {{activities}}, "connections": {{connections}} }""";

    private DefinitionError SingleError(string json)
    {
        var result = _parser.Parse(json, "d.json");
        result.Definition.ShouldBeNull();
        return result.Errors.ShouldHaveSingleItem();
    }

    [Fact]
    public void Parse_ValidFlowchart_BuildsActivitiesConnectionsAndRoot()
    {
        var json = Definition(
            """[ { "id": "s", "type": "Start", "position": { "x": 10, "y": 20 } }, { "id": "t", "type": "UserTask", "role": "FinanceLead", "outcomes": ["Yes", "No"] }, { "id": "e", "type": "End" } ]""",
            """[ { "source": "s", "target": "t" }, { "source": "t", "outcome": "Yes", "target": "e" }, { "source": "t", "outcome": "No", "target": "e" } ]""");

        var definition = _parser.ParseOrThrow(json, "d.json");

        definition.Root.Id.ShouldBe("s");
        definition.Activities.Count.ShouldBe(3);
        definition.GetActivity("s").Position.ShouldBe(new DesignerPosition(10, 20));
        definition.TargetsOf("t", "Yes").ShouldBe(["e"]);
        definition.GetActivity("t").Inputs["role"]!.GetValue<string>().ShouldBe("FinanceLead");
    }

    [Fact]
    public void Parse_BrokenJson_NamesFileLineAndReason()
    {
        var error = SingleError("""{ "definitionId": "d", "name": """);

        error.Source.ShouldBe("d.json");
        error.Message.ShouldStartWith("not valid JSON (line 1");
    }

    [Fact]
    public void Parse_UnknownActivityType_NamesPathAndKnownTypes()
    {
        var error = SingleError(Definition("""[ { "id": "a", "type": "Teleport" } ]"""));

        error.Path.ShouldBe("$.activities[0].type");
        error.Message.ShouldContain("unknown activity type 'Teleport'");
        error.Message.ShouldContain("UserTask");
    }

    [Fact]
    public void Parse_DanglingConnection_NamesTheMissingActivity()
    {
        var error = SingleError(Definition("""[ { "id": "a", "type": "Start" } ]""", """[ { "source": "a", "target": "ghost" } ]"""));

        error.Path.ShouldBe("$.connections[0].target");
        error.Message.ShouldBe("dangling connection: no activity with id 'ghost'");
    }

    [Fact]
    public void Parse_CycleWithoutExit_IsRefusedWithItsMembers()
    {
        var error = SingleError(Definition(
            """[ { "id": "s", "type": "Start" }, { "id": "a", "type": "UserTask", "role": "R" }, { "id": "b", "type": "UserTask", "role": "R" } ]""",
            """[ { "source": "s", "target": "a" }, { "source": "a", "target": "b" }, { "source": "b", "target": "a" } ]"""));

        error.Path.ShouldBe("$.connections");
        error.Message.ShouldBe("cycle without exit: a -> b can never reach an activity outside the cycle");
    }

    [Fact]
    public void Parse_CycleWithAnExit_IsAccepted()
    {
        var json = Definition(
            """[ { "id": "s", "type": "Start" }, { "id": "a", "type": "UserTask", "role": "R", "outcomes": ["Again", "Done"] }, { "id": "e", "type": "End" } ]""",
            """[ { "source": "s", "target": "a" }, { "source": "a", "outcome": "Again", "target": "a" }, { "source": "a", "outcome": "Done", "target": "e" } ]""");

        _parser.Parse(json, "d.json").Errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("""{ "id": "a", "type": "UserTask" }""", "$.activities[0].role")]
    [InlineData("""{ "id": "a", "type": "RunAction" }""", "$.activities[0].action")]
    [InlineData("""{ "id": "a", "type": "Timer" }""", "$.activities[0].delay")]
    [InlineData("""{ "id": "a", "type": "Decision" }""", "$.activities[0].condition")]
    [InlineData("""{ "id": "a", "type": "QualityGate" }""", "$.activities[0].approverRole")]
    [InlineData("""{ "id": "a", "type": "Event" }""", "$.activities[0].eventName")]
    public void Parse_MissingRequiredInput_NamesTheInput(string activity, string path)
    {
        var error = SingleError(Definition($"[ {activity} ]"));

        error.Path.ShouldBe(path);
        error.Message.ShouldStartWith("required");
    }

    [Fact]
    public void Parse_UnregisteredAction_IsRefused()
    {
        var error = SingleError(Definition("""[ { "id": "a", "type": "RunAction", "action": "billing.nothing" } ]"""));

        error.Path.ShouldBe("$.activities[0].action");
        error.Message.ShouldContain("no action named 'billing.nothing'");
    }

    [Fact]
    public void Parse_ConnectionOnUndeclaredOutcome_IsRefused()
    {
        var error = SingleError(Definition(
            """[ { "id": "a", "type": "UserTask", "role": "R", "outcomes": ["Approve"] }, { "id": "b", "type": "End" } ]""",
            """[ { "source": "a", "outcome": "Reject", "target": "b" } ]"""));

        error.Path.ShouldBe("$.connections[0].outcome");
        error.Message.ShouldContain("its outcomes are Approve");
    }

    [Fact]
    public void Parse_TwoStarts_AndUnreachable_AreReported()
    {
        var result = _parser.Parse(Definition("""[ { "id": "a", "type": "Start" }, { "id": "b", "type": "Start" } ]"""), "d.json");

        result.Errors.ShouldHaveSingleItem().Message.ShouldContain("these have none: a, b");
    }

    [Fact]
    public void Parse_ManyProblems_ReportsEveryOneAtOnce()
    {
        var json = """{ "definitionId": "Bad Id", "activities": [ { "id": "a", "type": "Timer", "delay": "soon" }, { "id": "a", "type": "Nope" } ] }""";

        var paths = _parser.Parse(json, "d.json").Errors.Select(e => e.Path).ToList();

        paths.ShouldBe(["$.definitionId", "$.name", "$.activities[0].delay", "$.activities[1].id", "$.activities[1].type"], ignoreOrder: true);
    }

    [Fact]
    public void ContentHash_IgnoresVersionAndFormatting_ButNotContent()
    {
        var a = """{ "definitionId": "d", "version": 1, "name": "D", "activities": [] }""";
        var b = """{"definitionId":"d","version":7,"name":"D","activities":[]}""";
        var c = """{ "definitionId": "d", "version": 1, "name": "E", "activities": [] }""";

        DefinitionContent.Hash(a).ShouldBe(DefinitionContent.Hash(b));
        DefinitionContent.Hash(a).ShouldNotBe(DefinitionContent.Hash(c));
    }

    [Fact]
    public void WithVersion_WritesTextAsTyped_NotAsUnicodeEscapes()
    {
        const string json = """{"definitionId":"d","version":1,"name":"Finance lead's review <step 1> é","activities":[]}""";

        var written = DefinitionContent.WithVersion(json, 3);

        written.ShouldContain("\"name\": \"Finance lead's review <step 1> é\"");
        written.ShouldContain("\"version\": 3");
        written.ShouldNotContain("\\u0027");
    }
}

using BillingOrchestrator.Workflows.Definitions;

namespace BillingOrchestrator.Workflows.Tests;

/// <summary>
/// Inputs AFL++ found (scripts/fuzz.sh, docs/fuzzing.md) that made the parser, which promises never to throw, throw
/// ArgumentException from JsonObject: an object with the same property twice. Each is kept byte for byte.
/// </summary>
public sealed class FuzzFindingTests
{
    private readonly WorkflowDefinitionParser _parser = ParserFactory.Create();

    public static TheoryData<string> Findings() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "FuzzFindings")).Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Findings))]
    public void Parse_FuzzFinding_IsRefusedWithAClearError_NotAnException(string file)
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "FuzzFindings", file));

        var result = _parser.Parse(json, file);

        result.Definition.ShouldBeNull();
        var error = result.Errors.ShouldHaveSingleItem();
        error.Source.ShouldBe(file);
        error.Message.ShouldMatch("^not valid JSON: Duplicate property '[^']+'");
    }

    [Fact]
    public void Parse_DuplicateProperty_NamesTheProperty()
    {
        var json = "{\n  \"definitionId\": \"d\",\n  \"name\": \"D\",\n  \"name\": \"E\",\n  \"activities\": [], \"connections\": []\n}";

        var error = _parser.Parse(json, "d.json").Errors.ShouldHaveSingleItem();

        error.Message.ShouldBe("not valid JSON: Duplicate property 'name' encountered during deserialization");
    }
}

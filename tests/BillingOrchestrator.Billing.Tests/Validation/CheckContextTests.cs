using BillingOrchestrator.Billing.Checks;

namespace BillingOrchestrator.Billing.Tests.Validation;

/// <summary>The context's cached coverage and coding rules agree with the classifier entry by entry.</summary>
public sealed class CheckContextTests(DemoValidationFixture fixture) : IClassFixture<DemoValidationFixture>
{
    [Fact]
    public void Context_CoverageAndCodingRule_AgreeWithTheClassifierForEveryEntry()
    {
        var data = fixture.Data;
        var context = new CheckContext(data.Snapshot, data.Catalog, data.CodingStandard);
        var disagreements = new List<string>();

        for (var i = 0; i < context.Entries.Length; i++)
        {
            var classified = context.Classifier.Classify(context.Entries[i]);
            if (classified.Coverage != context.Facts[i].Coverage.ToCoverage() || classified.RuleId != context.RuleOf(i).Id)
            {
                disagreements.Add($"entry {context.Entries[i].Id}: {classified.Coverage}/{classified.RuleId} vs {context.Facts[i].Coverage}/{context.RuleOf(i).Id}");
            }
        }

        disagreements.ShouldBeEmpty();
    }

    [Fact]
    public void Checks_CoverEveryEntryTheClassifierCallsMiscoded()
    {
        var data = fixture.Data;
        var classifier = new Coding.TimeEntryClassifier(data.CodingStandard, data.Snapshot, data.Catalog);
        var miscoded = data.Snapshot.TimeEntries.Select(classifier.Classify).Where(r => r.IsMiscoded).Select(r => r.TimeEntryId).ToList();
        var reported = fixture.Result.Findings.SelectMany(f => f.TimeEntryIds).ToHashSet();

        miscoded.ShouldNotBeEmpty();
        miscoded.ShouldAllBe(id => reported.Contains(id));
    }
}

using BillingOrchestrator.Evidence.Audit;

namespace BillingOrchestrator.Evidence.Tests;

public sealed class AuditVerificationTests
{
    private static List<AuditEntry> Chain(int length)
    {
        var entries = new List<AuditEntry>();
        var previous = AuditEntry.GenesisHash;
        var start = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        for (var i = 1; i <= length; i++)
        {
            var at = start.AddMinutes(i);
            var hash = AuditEntry.ComputeHash(i, at, "finance@demo.local", "tasks.complete", $"task:{i}", $$"""{"n":{{i}}}""", previous);
            entries.Add(new AuditEntry { Sequence = i, At = at, Actor = "finance@demo.local", Action = "tasks.complete", Subject = $"task:{i}", DataJson = $$"""{"n":{{i}}}""", PreviousHash = previous, Hash = hash });
            previous = hash;
        }

        return entries;
    }

    private static Task<AuditVerification> Verify(IEnumerable<AuditEntry> entries) => AuditVerification.CheckAsync(entries.ToAsyncEnumerable(), CancellationToken.None);

    [Fact]
    public async Task Verify_UntouchedChain_IsIntact()
    {
        var result = await Verify(Chain(5));

        result.ShouldBe(new AuditVerification(true, 5, null, null));
    }

    [Fact]
    public async Task Verify_AlteredEntry_NamesItAsFirstBroken()
    {
        var entries = Chain(5);
        var altered = entries[2];
        entries[2] = new AuditEntry { Sequence = altered.Sequence, At = altered.At, Actor = "mallory", Action = altered.Action, Subject = altered.Subject, DataJson = altered.DataJson, PreviousHash = altered.PreviousHash, Hash = altered.Hash };

        var result = await Verify(entries);

        result.Intact.ShouldBeFalse();
        result.FirstBrokenSequence.ShouldBe(3);
        result.Reason!.ShouldContain("altered");
    }

    [Fact]
    public async Task Verify_RemovedEntry_IsReportedAsMissing()
    {
        var entries = Chain(5);
        entries.RemoveAt(1);

        var result = await Verify(entries);

        result.FirstBrokenSequence.ShouldBe(3);
        result.Reason!.ShouldContain("missing");
    }

    [Fact]
    public async Task Verify_RehashedForgery_BreaksAtTheNextEntry()
    {
        var entries = Chain(4);
        var forged = entries[1];
        var newHash = AuditEntry.ComputeHash(forged.Sequence, forged.At, forged.Actor, "tasks.cancel", forged.Subject, forged.DataJson, forged.PreviousHash);
        entries[1] = new AuditEntry { Sequence = forged.Sequence, At = forged.At, Actor = forged.Actor, Action = "tasks.cancel", Subject = forged.Subject, DataJson = forged.DataJson, PreviousHash = forged.PreviousHash, Hash = newHash };

        var result = await Verify(entries);

        result.FirstBrokenSequence.ShouldBe(3);
        result.Reason!.ShouldContain("previous-hash");
    }
}

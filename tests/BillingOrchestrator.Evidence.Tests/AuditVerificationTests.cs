using BillingOrchestrator.Evidence.Audit;

namespace BillingOrchestrator.Evidence.Tests;

public sealed class AuditVerificationTests
{
    private static readonly AuditChainKey Key = new([.. Enumerable.Range(1, 32).Select(i => (byte)i)]);

    /// <summary>A chain whose first <paramref name="legacy"/> entries use the public formula and the rest the key.</summary>
    private static List<AuditEntry> Keyed(int length, int legacy = 0)
    {
        var entries = Chain(length);
        var previous = legacy == 0 ? AuditEntry.GenesisHash : entries[legacy - 1].Hash;
        for (var i = legacy; i < length; i++)
        {
            var e = entries[i];
            var hash = Key.Hash(e.Sequence, e.At, e.Actor, e.Action, e.Subject, e.DataJson, previous);
            entries[i] = new AuditEntry { Sequence = e.Sequence, At = e.At, Actor = e.Actor, Action = e.Action, Subject = e.Subject, DataJson = e.DataJson, PreviousHash = previous, Hash = hash };
            previous = hash;
        }

        return entries;
    }

    private static Task<AuditVerification> Verify(IEnumerable<AuditEntry> entries, AuditSeal? seal) => AuditVerification.CheckAsync(entries.ToAsyncEnumerable(), Key, seal, CancellationToken.None);

    [Fact]
    public async Task KeyedChain_WithEntriesFromBeforeTheKey_IsIntact_AndCountsThem()
    {
        var result = await Verify(Keyed(6, legacy: 2), null);

        result.Intact.ShouldBeTrue(result.Reason);
        result.LegacyEntries.ShouldBe(2);
        result.Keyed.ShouldBeTrue();
        result.KeyId.ShouldBe(Key.Id);
    }

    [Fact]
    public async Task KeyedChain_RewrittenWithThePublicFormulaFromAnEntryOn_BreaksAtThatEntry()
    {
        var entries = Keyed(6);
        var rewritten = Chain(6);
        var previous = entries[2].PreviousHash;
        for (var i = 3; i <= 6; i++)
        {
            var e = rewritten[i - 1];
            var hash = AuditEntry.ComputeHash(e.Sequence, e.At, i == 3 ? "mallory" : e.Actor, e.Action, e.Subject, e.DataJson, previous);
            entries[i - 1] = new AuditEntry { Sequence = i, At = e.At, Actor = i == 3 ? "mallory" : e.Actor, Action = e.Action, Subject = e.Subject, DataJson = e.DataJson, PreviousHash = previous, Hash = hash };
            previous = hash;
        }

        var result = await Verify(entries, null);

        result.Intact.ShouldBeFalse();
        result.FirstBrokenSequence.ShouldBe(3);
        result.Reason!.ShouldContain("without the chain's key");
    }

    [Fact]
    public async Task WholeChainRewrittenWithThePublicFormula_IsCaughtByTheSealsCountOfEntriesBeforeTheKey()
    {
        var keyed = Keyed(4);
        var seal = new AuditSeal(3, DateTimeOffset.UnixEpoch, 4, keyed[^1].Hash, Key.Id, LegacyEntries: 0);

        var result = await Verify(Chain(4), seal);

        result.Intact.ShouldBeFalse();
        result.FirstBrokenSequence.ShouldBe(1);
        result.Reason!.ShouldContain("seal #3 of 1970-01-01 00:00:00 UTC");
    }

    [Fact]
    public async Task ChainCutShortAfterASeal_NamesTheSealAndTheMissingEntries()
    {
        var entries = Keyed(6);
        var seal = new AuditSeal(7, new DateTimeOffset(2026, 12, 8, 1, 0, 0, TimeSpan.Zero), 6, entries[^1].Hash, Key.Id, 0);

        var result = await Verify(entries.Take(4), seal);

        result.Intact.ShouldBeFalse();
        result.EntriesChecked.ShouldBe(4);
        result.FirstBrokenSequence.ShouldBe(5);
        result.Reason.ShouldBe($"chain has 4 entries but seal #7 of 2026-12-08 01:00:00 UTC recorded 6 (head {entries[^1].Hash}): the entries after 4 were removed");
        result.LastSeal.ShouldBe(seal);
    }

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

        (result.Intact, result.EntriesChecked, result.FirstBrokenSequence, result.Reason).ShouldBe((true, 5L, (long?)null, (string?)null));
        result.LegacyEntries.ShouldBe(5);
        result.Head.ShouldBe(Chain(5)[^1].Hash);
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

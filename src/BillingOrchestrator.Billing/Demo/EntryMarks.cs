namespace BillingOrchestrator.Billing.Demo;

/// <summary>What the generator has done to an entry, so later steps leave it alone.</summary>
[Flags]
internal enum EntryMarks : byte
{
    None = 0,

    /// <summary>Part of an injected case: no other injection may touch it.</summary>
    Tainted = 1,

    /// <summary>Status decided by an injection (stale ready-to-bill, unapproved write-off): invoicing leaves it alone.</summary>
    StatusFixed = 2,
}

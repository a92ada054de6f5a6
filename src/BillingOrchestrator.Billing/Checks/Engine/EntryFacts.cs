namespace BillingOrchestrator.Billing.Checks;

/// <summary>What the context works out once per time entry, so checks scan a compact array instead of re-deriving it.</summary>
internal struct EntryFacts
{
    /// <summary>Position of the entry's agreement; <see cref="CheckContext.NoAgreement"/> or <see cref="CheckContext.UnknownAgreement"/>.</summary>
    public int Agreement;

    /// <summary>Position of the entry's ticket, or -1.</summary>
    public int Ticket;

    /// <summary>Position of the entry's member, or -1.</summary>
    public int Member;

    /// <summary>Day number of the UTC date the entry starts on.</summary>
    public int Day;

    /// <summary>The rule scope (agreement and rules in force) on that day.</summary>
    public int Scope;

    /// <summary>Position of the coding rule that decides the entry in <see cref="CheckContext.CodingRules"/>.</summary>
    public int Rule;

    /// <summary>Position of the rates in force in <see cref="CheckContext.RateTable"/>, or -1 when the work type or role is unknown.</summary>
    public int Rates;

    public CoverageFact Coverage;

    public EntryFlags Flags;
}

[Flags]
internal enum EntryFlags : byte
{
    None = 0,

    /// <summary>Hours applied to a named agreement (<c>agreementHours</c> &gt; 0).</summary>
    Covered = 1,

    /// <summary>Billable hours beyond the agreement (<see cref="TimeEntries.TimeEntry.ChargeableHours"/> &gt; 0).</summary>
    Chargeable = 2,

    /// <summary>Started outside the business hours of the rules in force.</summary>
    AfterHours = 4,

    /// <summary>The agreement belongs to another company than the entry.</summary>
    OtherCompany = 8,

    /// <summary>Charged to a ticket whose agreement differs from the entry's.</summary>
    TicketMismatch = 16,
}

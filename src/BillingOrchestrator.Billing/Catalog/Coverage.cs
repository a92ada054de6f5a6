namespace BillingOrchestrator.Billing.Catalog;

/// <summary>Whether an agreement's rules cover a piece of work.</summary>
public enum Coverage
{
    /// <summary>The agreement covers time and this work is within its scope and term.</summary>
    InScope,

    /// <summary>The agreement covers time, but not this work: an excluded or uncovered work type or role, or a date outside its term.</summary>
    OutOfScope,

    /// <summary>No agreement, or one that does not cover time at all (time and materials).</summary>
    NoCoverage,
}

using BillingOrchestrator.Billing.Catalog;

namespace BillingOrchestrator.Billing.Checks;

/// <summary>Whether, and why not, an entry's agreement covers its work on its date.</summary>
internal enum CoverageFact : byte
{
    /// <summary>The entry names no agreement.</summary>
    NoAgreement,

    /// <summary>The entry names an agreement the snapshot does not hold.</summary>
    UnknownAgreement,

    /// <summary>The agreement (its rules) does not cover time at all.</summary>
    NotCovering,

    /// <summary>The agreement covers time, but the date is outside its term.</summary>
    OutOfTerm,

    /// <summary>The agreement covers time in its term, but not this work type or role.</summary>
    Excluded,

    InScope,
}

internal static class CoverageFactExtensions
{
    public static Coverage ToCoverage(this CoverageFact fact) => fact switch
    {
        CoverageFact.InScope => Coverage.InScope,
        CoverageFact.OutOfTerm or CoverageFact.Excluded => Coverage.OutOfScope,
        _ => Coverage.NoCoverage,
    };
}

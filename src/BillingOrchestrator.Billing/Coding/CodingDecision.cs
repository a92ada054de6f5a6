using BillingOrchestrator.Billing.Catalog;
using BillingOrchestrator.Billing.Psa;

namespace BillingOrchestrator.Billing.Coding;

/// <summary>What the standard says about a piece of work, with the facts that decided it.</summary>
public readonly record struct CodingDecision(CodingRule Rule, Coverage Coverage, string? CoverageReason, bool AfterHours, BillingRules? Rules)
{
    public EntryClassification Classification => Rule.Classification;

    public BillableOption ExpectedBillableOption => Rule.BillableOption;
}

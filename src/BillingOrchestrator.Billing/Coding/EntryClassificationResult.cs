using BillingOrchestrator.Billing.Catalog;
using BillingOrchestrator.Billing.Psa;

namespace BillingOrchestrator.Billing.Coding;

/// <summary>
/// The standard's verdict on one time entry: its classification, the billable option it should carry, the rule
/// that decided, and whether the entry is miscoded. <see cref="Reasons"/> says what is wrong; it is empty when
/// the entry is coded as the standard expects.
/// </summary>
public sealed record EntryClassificationResult(
    int TimeEntryId,
    EntryClassification Classification,
    BillableOption ExpectedBillableOption,
    string RuleId,
    Coverage Coverage,
    bool AfterHours,
    bool IsMiscoded,
    IReadOnlyList<string> Reasons);

namespace BillingOrchestrator.Billing.Checks;

/// <summary>
/// Ids of the individual validation checks, grouped by the leakage kind they find. Findings, ground truth and
/// dispositions refer to checks by these ids. One record can legitimately trip more than one check (an identical
/// duplicate also overlaps); where that happens the more specific check is named here first.
/// </summary>
public static class LeakageChecks
{
    /// <summary>A closed ticket with no time logged against it.</summary>
    public const string ClosedTicketWithoutTime = "closed-ticket-without-time";

    /// <summary>A technician's working day with logged hours far below the member's daily capacity.</summary>
    public const string TechnicianDayBelowSchedule = "technician-day-below-schedule";

    /// <summary>An agreement with ticket activity in the period but no time at all.</summary>
    public const string AgreementActivityWithoutTime = "agreement-activity-without-time";

    /// <summary>Time applied to an agreement in its term although the rules exclude (or do not cover) its work type or role.</summary>
    public const string ExcludedWorkCovered = "excluded-work-covered";

    /// <summary>Time applied to an Active agreement on a date outside the agreement's term.</summary>
    public const string CoveredOutsideAgreementTerm = "covered-outside-agreement-term";

    /// <summary>Time applied to an agreement that does not cover time.</summary>
    public const string CoveredOnAgreementWithoutTimeCoverage = "covered-on-agreement-without-time-coverage";

    /// <summary>Time charged to an agreement of another company.</summary>
    public const string OtherCompanyAgreement = "other-company-agreement";

    /// <summary>Time charged to a Cancelled, Expired or Inactive agreement.</summary>
    public const string InactiveAgreement = "inactive-agreement";

    /// <summary>A time entry's agreement differs from its ticket's agreement.</summary>
    public const string TicketAgreementMismatch = "ticket-agreement-mismatch";

    /// <summary>Covered-versus-billable coding that disagrees with the coding standard.</summary>
    public const string CodingStandardMismatch = "coding-standard-mismatch";

    /// <summary>Two entries of the same technician whose times overlap.</summary>
    public const string OverlappingTime = "overlapping-time";

    /// <summary>The same time entry billed on two invoices.</summary>
    public const string LabourOnTwoInvoices = "labour-on-two-invoices";

    /// <summary>Two entries identical in technician, ticket, times and notes.</summary>
    public const string IdenticalEntries = "identical-entries";

    /// <summary>An agreement addition billed twice for the same period.</summary>
    public const string AdditionBilledTwice = "addition-billed-twice";

    /// <summary>Usage past the included quantity in a cycle, neither billed nor approved.</summary>
    public const string UnbilledOverage = "unbilled-overage";

    /// <summary>Chargeable time started outside business hours billed without the after-hours multiplier.</summary>
    public const string AfterHoursRateNotApplied = "after-hours-rate-not-applied";

    /// <summary>Chargeable time billed at the role's standard rate where the rules set a higher role rate.</summary>
    public const string RoleRateNotApplied = "role-rate-not-applied";

    /// <summary>Chargeable time billed below the rate its agreement and work role require, for any other reason.</summary>
    public const string RateDiffersFromAgreement = "rate-differs-from-agreement";

    /// <summary>Ready-to-bill time older than the stale threshold (days before period end) and on no invoice.</summary>
    public const string ReadyToBillStale = "ready-to-bill-stale";

    /// <summary>DoNotBill time written off without an approval.</summary>
    public const string WriteOffWithoutApproval = "write-off-without-approval";

    /// <summary>
    /// An agreement invoice dated after the agreement last changed (<c>lastUpdated</c>) that bills less than the fee
    /// plus billable additions; invoices before the change cannot be judged against today's agreement.
    /// </summary>
    public const string AgreementAmountDrift = "agreement-amount-drift";

    /// <summary>An agreement invoice missing an addition that was billable on its date.</summary>
    public const string AdditionNotInvoiced = "addition-not-invoiced";

    /// <summary>Every check id with the kind of leakage it finds.</summary>
    public static IReadOnlyDictionary<string, LeakageKind> All { get; } = new Dictionary<string, LeakageKind>
    {
        [ClosedTicketWithoutTime] = LeakageKind.MissingTime,
        [TechnicianDayBelowSchedule] = LeakageKind.MissingTime,
        [AgreementActivityWithoutTime] = LeakageKind.MissingTime,
        [ExcludedWorkCovered] = LeakageKind.OutOfScopeLabor,
        [CoveredOutsideAgreementTerm] = LeakageKind.OutOfScopeLabor,
        [CoveredOnAgreementWithoutTimeCoverage] = LeakageKind.OutOfScopeLabor,
        [OtherCompanyAgreement] = LeakageKind.AgreementMismatch,
        [InactiveAgreement] = LeakageKind.AgreementMismatch,
        [TicketAgreementMismatch] = LeakageKind.AgreementMismatch,
        [CodingStandardMismatch] = LeakageKind.AgreementMismatch,
        [OverlappingTime] = LeakageKind.DuplicateCharge,
        [LabourOnTwoInvoices] = LeakageKind.DuplicateCharge,
        [IdenticalEntries] = LeakageKind.DuplicateCharge,
        [AdditionBilledTwice] = LeakageKind.DuplicateCharge,
        [UnbilledOverage] = LeakageKind.UnbilledOverage,
        [AfterHoursRateNotApplied] = LeakageKind.RateNotApplied,
        [RoleRateNotApplied] = LeakageKind.RateNotApplied,
        [RateDiffersFromAgreement] = LeakageKind.RateNotApplied,
        [ReadyToBillStale] = LeakageKind.StaleUnbilled,
        [WriteOffWithoutApproval] = LeakageKind.StaleUnbilled,
        [AgreementAmountDrift] = LeakageKind.InvoiceAgreementDrift,
        [AdditionNotInvoiced] = LeakageKind.InvoiceAgreementDrift,
    };
}

namespace BillingOrchestrator.Billing.Checks;

/// <summary>Every check, one per id in <see cref="LeakageChecks"/>, in that order. Checks are stateless and shared.</summary>
public static class BillingChecks
{
    public static IReadOnlyList<IBillingCheck> All { get; } =
    [
        new ClosedTicketWithoutTimeCheck(),
        new TechnicianDayBelowScheduleCheck(),
        new AgreementActivityWithoutTimeCheck(),
        new ExcludedWorkCoveredCheck(),
        new CoveredOutsideAgreementTermCheck(),
        new CoveredOnAgreementWithoutTimeCoverageCheck(),
        new OtherCompanyAgreementCheck(),
        new InactiveAgreementCheck(),
        new TicketAgreementMismatchCheck(),
        new CodingStandardMismatchCheck(),
        new OverlappingTimeCheck(),
        new LabourOnTwoInvoicesCheck(),
        new IdenticalEntriesCheck(),
        new AdditionBilledTwiceCheck(),
        new UnbilledOverageCheck(),
        new AfterHoursRateNotAppliedCheck(),
        new RoleRateNotAppliedCheck(),
        new RateDiffersFromAgreementCheck(),
        new ReadyToBillStaleCheck(),
        new WriteOffWithoutApprovalCheck(),
        new AgreementAmountDriftCheck(),
        new AdditionNotInvoicedCheck(),
    ];

    public static IBillingCheck? Find(string id)
    {
        foreach (var check in All)
        {
            if (check.Id == id)
            {
                return check;
            }
        }

        return null;
    }
}

namespace BillingOrchestrator.Billing.Agreements;

/// <summary>ConnectWise <c>applicationCycle</c>: the period an agreement's application limit applies to.</summary>
public enum ApplicationCycle
{
    Contract2Weeks,
    Contract4Weeks,
    ContractYear,
    CalendarMonth,
    CalendarQuarter,
    CalendarWeek,
    ContractQuarter,
    CalendarYear,
}

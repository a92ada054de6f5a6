namespace BillingOrchestrator.Billing.Psa;

/// <summary>ConnectWise <c>rateType</c> of a work type or agreement rate: added to, replacing, or multiplying the base rate.</summary>
public enum RateType
{
    AdjAmount,
    Custom,
    Multiplier,
}

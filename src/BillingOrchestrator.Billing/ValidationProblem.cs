namespace BillingOrchestrator.Billing;

/// <summary>One thing wrong with submitted input: the field (ConnectWise JSON name where there is one) and why.</summary>
public sealed record ValidationProblem(string Field, string Reason)
{
    public override string ToString() => $"{Field}: {Reason}";
}

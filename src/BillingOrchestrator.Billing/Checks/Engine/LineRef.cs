namespace BillingOrchestrator.Billing.Checks;

/// <summary>One invoice line: positions of the invoice in the snapshot and of the line on it.</summary>
internal readonly record struct LineRef(int Invoice, int Line);

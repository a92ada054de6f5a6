namespace BillingOrchestrator.Integrations.ConnectWise.Export;

/// <summary>An item read from an import file together with the row it came from, for problem reports.</summary>
internal sealed record Row<T>(int Number, T Item);

namespace BillingOrchestrator.Integrations.ConnectWise.Mapping;

/// <summary>A ConnectWise record with where it came from, for problem reports: a file and row, or an endpoint and the record's id.</summary>
internal readonly record struct Located<T>(T Item, string File, int Row);

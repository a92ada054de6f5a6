namespace BillingOrchestrator.Evidence.Packs;

/// <summary>An evidence pack was refused as a whole; <see cref="Exception.Message"/> names the entry and the reason.</summary>
public sealed class EvidencePackRejectedException(string message) : Exception(message);

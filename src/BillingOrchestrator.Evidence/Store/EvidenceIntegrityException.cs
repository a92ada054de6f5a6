namespace BillingOrchestrator.Evidence.Store;

/// <summary>A stored evidence file whose bytes no longer hash to its address: it was altered or corrupted on disk.</summary>
public sealed class EvidenceIntegrityException(string message) : Exception(message);

using BillingOrchestrator.Evidence.Store;

namespace BillingOrchestrator.Evidence.Packs;

/// <summary>One file of an imported pack: the name the ZIP gave it and what the evidence store kept.</summary>
public sealed record EvidencePackEntry(string EntryName, StoredFile File);

using System.Security.Cryptography;

namespace BillingOrchestrator.Integrations.Documentation;

/// <summary>One file of an evidence pack: its path inside the pack (forward slashes), its bytes and their SHA-256.</summary>
public sealed record EvidencePackFile(string Path, string ContentType, byte[] Content)
{
    public string Sha256 { get; } = Convert.ToHexStringLower(SHA256.HashData(Content));
}

/// <summary>What is published for one workflow instance: <c>index.md</c> and the PDFs it lists.</summary>
public sealed record EvidencePack(string PublicationId, string InstanceId, IReadOnlyList<EvidencePackFile> Files);

namespace BillingOrchestrator.Evidence.Store;

/// <summary>An upload the store refused; <see cref="Exception.Message"/> says why in words a user can act on.</summary>
public sealed class EvidenceFileRejectedException(EvidenceRejection reason, string message) : Exception(message)
{
    /// <summary>The kind of refusal, for callers that map it to a status code.</summary>
    public EvidenceRejection Reason { get; } = reason;
}

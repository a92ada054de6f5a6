namespace BillingOrchestrator.Billing.Sync;

/// <summary>
/// One PSA record as the product stores it: its ConnectWise id and kind (the source link), the ids it is filtered by,
/// its <c>lastUpdated</c> (the incremental-sync cursor) and the domain object serialized with <c>BillingJson</c>.
/// Sub-resources (agreement additions, rates, exclusions) travel inside their agreement's record.
/// </summary>
public sealed record PsaRecord(EntityKind Kind, int Id, int? CompanyId, int? AgreementId, DateTimeOffset? LastUpdated, string DataJson);

using BillingOrchestrator.Billing;

namespace BillingOrchestrator.Integrations.ConnectWise.Sync;

/// <summary>
/// What one sync did for one kind: records read from ConnectWise, records written to the store, records skipped for
/// a mapping problem, and the cursor before and after (unchanged when the kind did not finish).
/// </summary>
public sealed record SyncKindReport(EntityKind Kind, int Read, int Upserted, int Problems, DateTimeOffset? CursorBefore, DateTimeOffset? CursorAfter);

using BillingOrchestrator.Billing.Catalog;
using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Billing.TimeEntries;

namespace BillingOrchestrator.Billing.Coding;

/// <summary>
/// The coding standard a new tenant starts from, reflecting common MSP practice: internal work is never billed,
/// work an agreement does not cover is billed, emergencies and projects are billed, managed-services and
/// per-device agreements cover in-scope work in business hours and bill after-hours work (at the catalog's
/// after-hours multiplier), block-hours and retainer agreements absorb in-scope work at any hour, and time and
/// materials bills everything. Covered time is coded Billable: ConnectWise applies billable time to the agreement.
/// </summary>
public static class DefaultCodingStandards
{
    public const string InternalChargeCode = "internal-charge-code";
    public const string InternalActivity = "internal-activity";
    public const string InternalWorkType = "internal-work-type";
    public const string OutOfScope = "out-of-scope-billable";
    public const string Emergency = "emergency-billable";
    public const string Project = "project-billable";
    public const string ManagedServicesCovered = "managed-services-covered";
    public const string ManagedServicesAfterHours = "managed-services-after-hours";
    public const string PerDeviceCovered = "per-device-covered";
    public const string PerDeviceAfterHours = "per-device-after-hours";
    public const string BlockHoursCovered = "block-hours-covered";
    public const string RetainerCovered = "retainer-covered";
    public const string TimeAndMaterials = "time-and-materials-billable";
    public const string NoAgreement = "no-agreement-billable";
    public const string Fallback = "default-billable";

    public static IReadOnlyList<CodingRule> Rules { get; } =
    [
        Rule(InternalChargeCode, 100, "Charge codes (admin, PTO) are internal time", EntryClassification.NonBillable, BillableOption.DoNotBill) with { ChargeToType = ChargeToType.ChargeCode },
        Rule(InternalActivity, 100, "Activities (sales, training) are internal time", EntryClassification.NonBillable, BillableOption.DoNotBill) with { ChargeToType = ChargeToType.Activity },
        Rule(InternalWorkType, 100, "Internal work types are never billed", EntryClassification.NonBillable, BillableOption.DoNotBill) with { WorkType = "Internal*" },
        Rule(OutOfScope, 90, "Work the agreement excludes, or outside its term, is billed", EntryClassification.Excluded, BillableOption.Billable) with { Coverage = Coverage.OutOfScope },
        Rule(Emergency, 80, "Emergency work is billed at the emergency rate", EntryClassification.Billable, BillableOption.Billable) with { WorkType = "Emergency*" },
        Rule(Project, 70, "Project work is billed to the project", EntryClassification.Billable, BillableOption.Billable) with { ChargeToType = ChargeToType.ProjectTicket },
        Rule(ManagedServicesCovered, 50, "Managed services cover in-scope support in business hours", EntryClassification.Covered, BillableOption.Billable) with
        {
            AgreementType = "Managed Services*", TimeOfDay = TimeOfDay.BusinessHours, Coverage = Coverage.InScope,
        },
        Rule(ManagedServicesAfterHours, 50, "After-hours work on managed services is billed at the after-hours multiplier", EntryClassification.Billable, BillableOption.Billable) with
        {
            AgreementType = "Managed Services*", TimeOfDay = TimeOfDay.AfterHours,
        },
        Rule(PerDeviceCovered, 50, "Per-device agreements cover in-scope support in business hours", EntryClassification.Covered, BillableOption.Billable) with
        {
            AgreementType = "Per Device*", TimeOfDay = TimeOfDay.BusinessHours, Coverage = Coverage.InScope,
        },
        Rule(PerDeviceAfterHours, 50, "After-hours work on per-device agreements is billed", EntryClassification.Billable, BillableOption.Billable) with
        {
            AgreementType = "Per Device*", TimeOfDay = TimeOfDay.AfterHours,
        },
        Rule(BlockHoursCovered, 50, "Block-hours agreements absorb in-scope work until the block is used up", EntryClassification.Covered, BillableOption.Billable) with
        {
            AgreementType = "Block*", Coverage = Coverage.InScope,
        },
        Rule(RetainerCovered, 50, "Retainers absorb in-scope work until the retainer is used up", EntryClassification.Covered, BillableOption.Billable) with
        {
            AgreementType = "Retainer*", Coverage = Coverage.InScope,
        },
        Rule(TimeAndMaterials, 50, "Time and materials bills all work", EntryClassification.Billable, BillableOption.Billable) with { AgreementType = "Time*Material*" },
        Rule(NoAgreement, 10, "Customer work without an agreement is billed", EntryClassification.Billable, BillableOption.Billable) with { AgreementType = CodingRule.NoAgreement },
        Rule(Fallback, 0, "Anything else is billed", EntryClassification.Billable, BillableOption.Billable),
    ];

    /// <summary>Version 1 of the default standard, effective from <paramref name="effectiveFrom"/>.</summary>
    public static CodingStandard Create(DateOnly effectiveFrom, string approvedBy = "BillingOrchestrator defaults", DateTimeOffset? approvedAt = null)
    {
        var version = new RuleVersion
        {
            Number = 1,
            EffectiveFrom = effectiveFrom,
            ApprovedBy = approvedBy,
            ApprovedAt = approvedAt ?? new DateTimeOffset(effectiveFrom.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            ChangeReason = "Default coding standard reflecting common MSP practice",
        };
        var (standard, problems) = CodingStandard.Create(version, Rules);
        return standard ?? throw new InvalidOperationException("The default coding standard is invalid: " + string.Join("; ", problems));
    }

    private static CodingRule Rule(string id, int priority, string description, EntryClassification classification, BillableOption option) =>
        new() { Id = id, Priority = priority, Description = description, Classification = classification, BillableOption = option };
}

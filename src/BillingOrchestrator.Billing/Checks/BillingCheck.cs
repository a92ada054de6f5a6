namespace BillingOrchestrator.Billing.Checks;

/// <summary>What every check shares: its category comes from <see cref="LeakageChecks.All"/>, findings are stamped with its id.</summary>
public abstract class BillingCheck : IBillingCheck
{
    private static readonly string[] BaseControls = [ControlIds.BillingValidation, ControlIds.OutputValidation];

    protected BillingCheck(string id, Severity severity, SuggestedDisposition disposition, string explanation, params string[] extraControls)
    {
        Id = id;
        Category = LeakageChecks.All[id];
        Severity = severity;
        Disposition = disposition;
        Explanation = explanation;
        Controls = [.. BaseControls, .. extraControls];
    }

    public string Id { get; }

    public LeakageKind Category { get; }

    public Severity Severity { get; }

    public IReadOnlyList<string> Controls { get; }

    public string Explanation { get; }

    public SuggestedDisposition Disposition { get; }

    public abstract void Run(CheckContext context, FindingSink sink);

    /// <summary>Reports a finding about one time entry: its company, agreement and service line, the entry first in the records.</summary>
    protected void ReportEntry(CheckContext context, FindingSink sink, int entry, Hours hours, Money amountAtRisk, string message, params SourceRef[] more)
    {
        var e = context.Entries[entry];
        Report(sink, e.CompanyId, e.AgreementId, context.ServiceLineOf(entry), [CheckContext.EntryRef(e), .. more], [e.Id], hours, amountAtRisk, message);
    }

    /// <summary>Whether a finding about this entry would be kept by the run's scope.</summary>
    protected static bool InScope(CheckContext context, FindingSink sink, int entry) =>
        sink.Includes(context.Entries[entry].CompanyId, context.Entries[entry].AgreementId);

    /// <summary>Reports a finding stamped with this check's id, category, severity and disposition; out-of-scope findings are dropped.</summary>
    protected void Report(
        FindingSink sink,
        int companyId,
        int? agreementId,
        string? serviceLine,
        IReadOnlyList<SourceRef> records,
        IReadOnlyList<int> timeEntryIds,
        Hours hours,
        Money amountAtRisk,
        string message)
    {
        if (!sink.Includes(companyId, agreementId))
        {
            return;
        }

        sink.Add(new Finding
        {
            CheckId = Id,
            Category = Category,
            Severity = Severity,
            CompanyId = companyId,
            AgreementId = agreementId,
            ServiceLine = serviceLine,
            Records = records,
            TimeEntryIds = timeEntryIds,
            Hours = hours,
            AmountAtRisk = Money.Max(amountAtRisk, Money.Zero).RoundToCents(),
            Message = message,
            SuggestedDisposition = Disposition,
        });
    }
}

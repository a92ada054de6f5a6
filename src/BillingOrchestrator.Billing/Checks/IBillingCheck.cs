namespace BillingOrchestrator.Billing.Checks;

/// <summary>
/// One pre-invoice validation check: a small pure class with a stable id, the leakage category it finds, how severe
/// its findings are, the controls it evidences and an explanation a finance lead understands. Checks keep no state:
/// everything they read comes from the <see cref="CheckContext"/>, everything they find goes to the sink.
/// </summary>
public interface IBillingCheck
{
    /// <summary>One of <see cref="LeakageChecks"/>.</summary>
    string Id { get; }

    LeakageKind Category { get; }

    Severity Severity { get; }

    /// <summary>Control ids the findings evidence (<see cref="ControlIds"/>).</summary>
    IReadOnlyList<string> Controls { get; }

    /// <summary>What the check looks for and why it costs money, in a finance lead's words.</summary>
    string Explanation { get; }

    SuggestedDisposition Disposition { get; }

    void Run(CheckContext context, FindingSink sink);
}

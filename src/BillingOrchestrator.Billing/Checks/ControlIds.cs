namespace BillingOrchestrator.Billing.Checks;

/// <summary>The control frameworks' ids a check's findings evidence (the playbook's standards mapping).</summary>
public static class ControlIds
{
    /// <summary>PAI-8 C2: billing validation.</summary>
    public const string BillingValidation = "PAI-8 C2";

    /// <summary>PAI-8 C4: financial telemetry.</summary>
    public const string FinancialTelemetry = "PAI-8 C4";

    /// <summary>PAI-8 C6: exception approvals.</summary>
    public const string ExceptionApprovals = "PAI-8 C6";

    /// <summary>PSF D2: output validation.</summary>
    public const string OutputValidation = "PSF D2";

    /// <summary>PSF D6: human oversight.</summary>
    public const string HumanOversight = "PSF D6";
}

namespace BillingOrchestrator.Evidence.Items;

/// <summary>The control frameworks the playbook maps to (PSF and PAI-8); evidence is tagged with these exact labels.</summary>
public static class EvidenceControls
{
    public const string OutputValidation = "PSF D2 Output validation";
    public const string Observability = "PSF D4 Observability";
    public const string HumanOversight = "PSF D6 Human oversight";
    public const string BillingValidation = "PAI-8 C2 Billing validation";
    public const string FinancialTelemetry = "PAI-8 C4 Financial telemetry";
    public const string ExceptionApprovals = "PAI-8 C6 Exception approvals";

    public static IReadOnlyList<string> All { get; } =
        [OutputValidation, Observability, HumanOversight, BillingValidation, FinancialTelemetry, ExceptionApprovals];

    /// <summary>
    /// The full label for a control as the playbook lists it: the framework prefix may be left out
    /// (<c>D4 Observability</c> is <c>PSF D4 Observability</c>); null when it is no known control.
    /// </summary>
    public static string? Normalize(string control) =>
        All.FirstOrDefault(c => c == control || c.EndsWith(" " + control, StringComparison.Ordinal) && control.Length > 3);

    /// <summary>One problem for the <c>controls</c> field per label that is no known control.</summary>
    public static IEnumerable<(string Field, string Reason)> Problems(IEnumerable<string> controls) =>
        controls.Where(c => Normalize(c) is null)
            .Select(c => ("controls", $"'{c}' is not a known control; use one of: {string.Join("; ", All)}"));
}

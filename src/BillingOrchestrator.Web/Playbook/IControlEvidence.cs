namespace BillingOrchestrator.Web.Playbook;

/// <summary>
/// A workflow action that files evidence of the step it runs in, tagged with these controls; the runbook lists them
/// per step, so what it promises is what the action actually files.
/// </summary>
public interface IControlEvidence
{
    IReadOnlyList<string> Controls { get; }
}

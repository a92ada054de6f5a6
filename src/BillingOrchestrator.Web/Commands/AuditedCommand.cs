using System.Text.Json.Serialization;
using BillingOrchestrator.Workflows.Runtime;

namespace BillingOrchestrator.Web.Commands;

/// <summary>A command a person issues: validated, then recorded in the audit log with who did it, once it succeeded.</summary>
public interface IAuditedCommand
{
    [JsonIgnore]
    WorkflowActor Actor { get; }

    /// <summary>A stable action name such as <c>tasks.complete</c>.</summary>
    [JsonIgnore]
    string AuditAction { get; }

    /// <summary>The record acted on, when known before handling (otherwise taken from the result).</summary>
    [JsonIgnore]
    string? AuditSubject { get; }

    /// <summary>Every problem with the command as (field, reason); empty when it may run.</summary>
    IEnumerable<(string Field, string Reason)> Validate() => [];
}

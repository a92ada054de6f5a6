namespace BillingOrchestrator.Web.Commands;

/// <summary>A command result that names the record it created, for the audit log's subject.</summary>
public interface IAuditSubject
{
    [System.Text.Json.Serialization.JsonIgnore]
    string AuditSubject { get; }
}

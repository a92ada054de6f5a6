using System.Text.Json.Nodes;
using BillingOrchestrator.Workflows.Definitions;
using BillingOrchestrator.Workflows.Instances;
using BillingOrchestrator.Workflows.Tasks;

namespace BillingOrchestrator.Web.Endpoints;

public sealed record DefinitionResponse(
    string Id,
    string DefinitionId,
    int Version,
    string Name,
    string? Description,
    bool IsLatest,
    bool IsPublished,
    string? Source,
    DateTimeOffset CreatedAt,
    string? CreatedBy,
    DateTimeOffset? PublishedAt,
    string? PublishedBy,
    JsonNode? Definition)
{
    public static DefinitionResponse From(StoredDefinition d, bool withBody) =>
        new(d.Id, d.DefinitionId, d.Version, d.Name, d.Description, d.IsLatest, d.IsPublished, d.Source, d.CreatedAt, d.CreatedBy, d.PublishedAt, d.PublishedBy, withBody ? JsonNode.Parse(d.Json) : null);
}

public sealed record InstanceResponse(
    string Id,
    string DefinitionId,
    int DefinitionVersion,
    string? CorrelationId,
    WorkflowStatus Status,
    WorkflowSubStatus SubStatus,
    long Revision,
    int IncidentCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt,
    string? CreatedBy,
    IReadOnlyDictionary<string, JsonNode?>? Variables,
    IReadOnlyList<string>? CurrentActivities,
    IReadOnlyDictionary<string, ActivityProgress>? FinishedActivities,
    IReadOnlyList<string>? FaultedActivities)
{
    public static InstanceResponse From(WorkflowInstance i, bool withState) => new(
        i.Id, i.DefinitionId, i.DefinitionVersion, i.CorrelationId, i.Status, i.SubStatus, i.Revision, i.IncidentCount, i.CreatedAt, i.UpdatedAt, i.FinishedAt, i.CreatedBy,
        withState ? i.State.Variables : null,
        withState ? [.. i.State.Scheduled.Select(w => w.ActivityId).Concat(i.State.Bookmarks.Values.Select(b => b.ActivityId)).Distinct()] : null,
        withState ? i.State.Activities : null,
        withState ? [.. i.State.Faulted.Select(w => w.ActivityId)] : null);
}

public sealed record TaskResponse(
    string Id,
    string InstanceId,
    string DefinitionId,
    string ActivityId,
    string Kind,
    string Title,
    string? Description,
    string? Role,
    string? Assignee,
    UserTaskStatus Status,
    IReadOnlyList<string> Outcomes,
    JsonNode? Form,
    DateTimeOffset? DueAt,
    long Revision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? CompletedBy,
    DateTimeOffset? CompletedAt,
    string? Outcome,
    JsonNode? Result,
    string? Comment)
{
    public static TaskResponse From(UserTask t) => new(
        t.Id, t.InstanceId, t.DefinitionId, t.ActivityId, t.Kind, t.Title, t.Description, t.Role, t.Assignee, t.Status, t.Outcomes,
        t.FormJson is null ? null : JsonNode.Parse(t.FormJson), t.DueAt, t.Revision, t.CreatedAt, t.UpdatedAt, t.CompletedBy, t.CompletedAt, t.Outcome,
        t.ResultJson is null ? null : JsonNode.Parse(t.ResultJson), t.Comment);
}

public sealed record PageResponse<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace BillingOrchestrator.Testing;

/// <summary>Thin calls over the REST API, as a user's script would make them; responses as JSON.</summary>
public static class WorkflowApi
{
    public static async Task<JsonObject> StartAsync(this HttpClient client, string definitionId, object? input = null, string? correlationId = null)
    {
        var response = await client.PostAsJsonAsync("/api/workflow-instances", new { definitionId, input, correlationId });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static async Task<JsonObject> GetInstanceAsync(this HttpClient client, string instanceId) =>
        (await client.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{instanceId}"))!;

    public static Task<JsonObject> WaitForSubStatusAsync(this HttpClient client, string instanceId, string subStatus) =>
        Eventually.ReturnsAsync(() => client.GetInstanceAsync(instanceId), i => i["subStatus"]!.GetValue<string>() == subStatus, $"instance {instanceId} to be {subStatus}");

    public static async Task<JsonArray> TasksAsync(this HttpClient client, string instanceId, string? status = null)
    {
        var page = await client.GetFromJsonAsync<JsonObject>($"/api/tasks?instanceId={instanceId}" + (status is null ? "" : $"&status={status}"));
        return page!["items"]!.AsArray();
    }

    /// <summary>Waits for the instance's open task on <paramref name="activityId"/>.</summary>
    public static async Task<JsonObject> WaitForTaskAsync(this HttpClient client, string instanceId, string activityId)
    {
        var tasks = await Eventually.ReturnsAsync(
            () => client.TasksAsync(instanceId),
            list => list.Any(t => t!["activityId"]!.GetValue<string>() == activityId && t["status"]!.GetValue<string>() is "Available" or "Assigned" or "Unassigned"),
            $"an open task on {activityId}");
        return tasks.Select(t => t!.AsObject()).First(t => t["activityId"]!.GetValue<string>() == activityId && t["status"]!.GetValue<string>() != "Completed");
    }

    public static Task<HttpResponseMessage> CompleteAsync(this HttpClient client, JsonObject task, string outcome, object? data = null, string? operationId = null, long? expectedRevision = null) =>
        client.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new
        {
            expectedRevision = expectedRevision ?? task["revision"]!.GetValue<long>(),
            operationId = operationId ?? Guid.NewGuid().ToString("N"),
            outcome,
            data,
        });

    public static async Task<JsonArray> JournalAsync(this HttpClient client, string instanceId) =>
        (await client.GetFromJsonAsync<JsonArray>($"/api/workflow-instances/{instanceId}/journal"))!;

    public static string Id(this JsonObject obj) => obj["id"]!.GetValue<string>();

    /// <summary>Attaches a note as evidence to an instance's step; returns the evidence id.</summary>
    public static async Task<string> AttachNoteAsync(this HttpClient client, string instanceId, string activityId, string note)
    {
        var response = await client.PostAsJsonAsync($"/api/workflow-instances/{instanceId}/evidence/notes", new { kind = "note", name = note, note, activityId, controls = new[] { "PSF D6 Human oversight" } });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!.Id();
    }

    /// <summary>The multipart form of an evidence file upload (<c>POST /api/workflow-instances/{id}/evidence</c>).</summary>
    public static MultipartFormDataContent EvidenceUpload(byte[] bytes, string fileName, string activityId, string controls = "PAI-8 C2 Billing validation")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        form.Add(new StringContent(activityId), "activityId");
        form.Add(new StringContent(controls), "controls");
        return form;
    }
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace BillingOrchestrator.LoadTest;

/// <summary>
/// One simulated owner pair working through gated tasks, as the UI would: a finance lead starts a cycle, finds the task
/// in the inbox, claims it, uploads the evidence file and completes it; a service manager then approves the quality
/// gate citing that evidence (which renders the PDF brief). Every tenth round both also read the dashboards. With a
/// think time, the person pauses before each action (polls for a task that is not there yet keep their own 25 ms pace).
/// </summary>
internal sealed class Owner(HttpClient finance, HttpClient service, Latencies latencies, int number, TimeSpan think)
{
    public const string DefinitionId = "load-gated-task";

    private static readonly byte[] Report = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 400).Select(i => $"{i},agreement {i % 37},missing time,{i * 1.25m:0.00}\n")));

    /// <summary>Tasks and gates completed (acknowledged by the product).</summary>
    public int Completed { get; private set; }

    public int Started { get; private set; }

    public int Approved { get; private set; }

    public async Task RunAsync(CancellationToken stop)
    {
        for (var round = 0; !stop.IsCancellationRequested; round++)
        {
            try
            {
                await CycleAsync(round);
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException)
            {
                latencies.Error($"owner: {ex.GetType().Name}: {ex.Message}");
            }
        }
    }

    // A cycle is never cut short: after the stop each owner finishes the one it is in, so the counts can be compared.
    private async Task CycleAsync(int round)
    {
        await ThinkAsync();
        var started = await Json(await latencies.TimeAsync("start instance", () => finance.PostAsJsonAsync("/api/workflow-instances", new { definitionId = DefinitionId, correlationId = $"load-{number}-{round}-{Guid.NewGuid():N}" }, CancellationToken.None)));
        var instanceId = started["id"]!.GetValue<string>();
        Started++;
        var task = await WaitForTaskAsync(finance, instanceId, "prepare", "list my tasks");
        await ThinkAsync();
        var claimed = await Json(await latencies.TimeAsync("claim task", () => finance.PostAsJsonAsync($"/api/tasks/{task["id"]}/claim", Mutation(task, null), CancellationToken.None)));

        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Report);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "validation-report.csv");
        form.Add(new StringContent("gate"), "activityId");
        form.Add(new StringContent("PAI-8 C2 Billing validation"), "controls");
        await ThinkAsync();
        var evidence = await Json(await latencies.TimeAsync("upload evidence", () => finance.PostAsync($"/api/workflow-instances/{instanceId}/evidence", form, CancellationToken.None)));

        await ThinkAsync();
        await Json(await latencies.TimeAsync("complete task", () => finance.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", Mutation(claimed, "Done"), CancellationToken.None)));
        Completed++;
        var gate = await WaitForTaskAsync(service, instanceId, "gate", "list gates waiting");
        await ThinkAsync();
        await Json(await latencies.TimeAsync("approve gate (renders brief)", () => service.PostAsJsonAsync($"/api/tasks/{gate["id"]}/complete", Mutation(gate, "Approved", new JsonObject { ["evidence"] = new JsonObject { ["report"] = evidence["id"]!.GetValue<string>() } }), CancellationToken.None)));
        Completed++;
        Approved++;

        if (round % 10 == 0)
        {
            await latencies.TimeAsync("read dashboard: validation runs", () => finance.GetAsync("/api/validation-runs", CancellationToken.None));
            await latencies.TimeAsync("read dashboard: instances", () => service.GetAsync("/api/workflow-instances?pageSize=50", CancellationToken.None));
            await latencies.TimeAsync("read dashboard: briefs", () => service.GetAsync($"/api/workflow-instances/{instanceId}/briefs", CancellationToken.None));
        }
    }

    private Task ThinkAsync() =>
        think == TimeSpan.Zero ? Task.CompletedTask : Task.Delay(think * (0.5 + Random.Shared.NextDouble()));

    private async Task<JsonObject> WaitForTaskAsync(HttpClient client, string instanceId, string activityId, string operation)
    {
        for (var attempt = 0; attempt < 400; attempt++)
        {
            var page = await Json(await latencies.TimeAsync(operation, () => client.GetAsync($"/api/tasks?instanceId={instanceId}", CancellationToken.None)));
            var open = page["items"]!.AsArray().Select(t => t!.AsObject())
                .FirstOrDefault(t => t["activityId"]!.GetValue<string>() == activityId && t["status"]!.GetValue<string>() != "Completed");
            if (open is not null)
            {
                return open;
            }

            await Task.Delay(25);
        }

        throw new InvalidOperationException($"no open {activityId} task on {instanceId} after 400 polls");
    }

    private static object Mutation(JsonObject task, string? outcome, JsonObject? data = null) =>
        new { expectedRevision = task["revision"]!.GetValue<long>(), operationId = Guid.NewGuid().ToString("N"), outcome, data };

    private static async Task<JsonObject> Json(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(body)!.AsObject()
            : throw new InvalidOperationException($"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri?.AbsolutePath}: {body[..Math.Min(body.Length, 200)]}");
    }
}

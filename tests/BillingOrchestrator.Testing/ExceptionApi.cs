using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace BillingOrchestrator.Testing;

/// <summary>Reads of playbook step 4 over the REST API.</summary>
public static class ExceptionApi
{
    /// <summary>Every exception <c>GET /api/exceptions?{query}</c> lists, across all its pages.</summary>
    public static async Task<List<JsonObject>> ExceptionsAsync(this HttpClient client, string query)
    {
        var all = new List<JsonObject>();
        for (var page = 1; ; page++)
        {
            var result = (await client.GetFromJsonAsync<JsonObject>($"/api/exceptions?{query}&page={page}&pageSize=200"))!;
            all.AddRange(result["items"]!.AsArray().Select(i => i!.AsObject()));
            if (all.Count >= result["total"]!.GetValue<int>())
            {
                return all;
            }
        }
    }
}

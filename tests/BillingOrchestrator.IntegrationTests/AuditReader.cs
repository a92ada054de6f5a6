using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>Reads the whole audit log page by page, for tests that look for their own entries among everyone's.</summary>
internal static class AuditReader
{
    public static async Task<List<JsonObject>> ReadAllAsync(HttpClient auditor)
    {
        var entries = new List<JsonObject>();
        long after = 0;
        while (true)
        {
            var page = (await auditor.GetFromJsonAsync<JsonArray>($"/api/audit?after={after}&take=200"))!.Select(e => e!.AsObject()).ToList();
            entries.AddRange(page);
            if (page.Count < 200)
            {
                return entries;
            }

            after = page[^1]["sequence"]!.GetValue<long>();
        }
    }
}

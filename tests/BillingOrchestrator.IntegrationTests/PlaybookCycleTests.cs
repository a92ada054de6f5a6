using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BillingOrchestrator.Testing;
using UglyToad.PdfPig;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>
/// The proof: one monthly cycle of <c>agreement-billing-integrity</c> on the demo MSP, driven through the HTTP API as the
/// demo users would, with a restart of the host in the middle of step 4.
/// </summary>
public sealed class PlaybookCycleTests
{
    private const string DefinitionId = "agreement-billing-integrity";
    private const string Finance = "finance@demo.local";
    private const string Service = "service@demo.local";
    private const string Approver = "service-approver@demo.local";
    private const string PsaAdmin = "psa-admin@demo.local";
    private const string Auditor = "auditor@demo.local";

    [Theory]
    [InlineData(TestDatabaseKind.Sqlite)]
    [InlineData(TestDatabaseKind.Postgres)]
    public async Task MonthlyCycle_AsTheDemoUsers_PassesEveryGateInOrder_ReleasesTheBatch_ProducesVerifiableBriefs_AndARestartLosesNothing(TestDatabaseKind kind)
    {
        var first = new PlaybookProductHost(kind);
        await first.InitializeAsync();
        try
        {
            var cycle = new Cycle(first);
            var instanceId = (await (await first.ClientForAsync(Finance)).StartAsync(DefinitionId)).Id();

            await cycle.StepAsync(instanceId, 1, "s1-define-catalog", Finance, new { summary = "Catalog reviewed: owners named for every active agreement" }, "s1-gate", Service);
            await cycle.StepAsync(instanceId, 2, "s2-enforce-coding", Finance, new { summary = "Coding standard v1 in force" }, "s2-gate", Service);
            await cycle.SubmitAsync(instanceId, 3, "s3-review-findings", Service, new { summary = "Findings complete for the month" });
            var csv = Encoding.UTF8.GetBytes("category,findings\nmissing-time,12\n");
            await cycle.UploadAsync(instanceId, "s3-review-findings", Service, csv, "findings-review.csv");

            // The submitter cannot approve their own step's gate; a finance lead is not the approver role.
            var gate3 = await (await first.ClientForAsync(Service)).WaitForTaskAsync(instanceId, "s3-gate");
            var bySubmitter = await (await first.ClientForAsync(Service)).CompleteAsync(gate3, "Approved");
            bySubmitter.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await bySubmitter.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>().ShouldContain("Two-person rule");
            (await (await first.ClientForAsync(Finance)).CompleteAsync(gate3, "Approved")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            await cycle.ApproveAsync(instanceId, "s3-gate", Approver);

            // Step 4: the findings are routed as exceptions; half are dispositioned before the restart.
            var service = await first.ClientForAsync(Service);
            await service.WaitForTaskAsync(instanceId, "s4-disposition");
            var exceptions = await cycle.ExceptionsAsync(instanceId);
            exceptions.Count.ShouldBe((await service.GetInstanceAsync(instanceId))["variables"]!["validation"]!["findings"]!.GetValue<int>());
            var material = exceptions.First(e => e["amount"]!.GetValue<decimal>() > 500 && e["routedRole"]!.GetValue<string>() == "ServiceManager");
            var beforeRestart = exceptions.Where(e => e.Id() != material.Id()).Take(exceptions.Count / 2).ToList();
            foreach (var e in beforeRestart)
            {
                await cycle.DispositionAsync(e);
            }

            var evidenceBefore = await cycle.EvidenceAsync(instanceId);
            var briefsBefore = (await service.GetFromJsonAsync<JsonArray>($"/api/workflow-instances/{instanceId}/briefs"))!.Count;
            var auditBefore = (await (await first.ClientForAsync(Auditor)).GetFromJsonAsync<JsonObject>("/api/audit/verify"))!["entriesChecked"]!.GetValue<long>();
            await first.DisposeAsync();

            await using var restarted = new RestartedProductHost(first);
            await restarted.InitializeAsync();
            cycle = new Cycle(restarted);
            service = await restarted.ClientForAsync(Service);
            (await service.WaitForTaskAsync(instanceId, "s4-disposition"))["status"]!.GetValue<string>().ShouldBe("Available");
            (await cycle.EvidenceAsync(instanceId)).Select(e => e.Id()).ShouldBe(evidenceBefore.Select(e => e.Id()));
            (await service.GetFromJsonAsync<JsonArray>($"/api/workflow-instances/{instanceId}/briefs"))!.Count.ShouldBe(briefsBefore);
            var afterRestart = await cycle.ExceptionsAsync(instanceId);
            afterRestart.Where(e => e["status"]!.GetValue<string>() == "Closed").Select(e => e.Id()).Order(StringComparer.Ordinal).ShouldBe(beforeRestart.Select(e => e.Id()).Order(StringComparer.Ordinal));
            var verified = (await (await restarted.ClientForAsync(Auditor)).GetFromJsonAsync<JsonObject>("/api/audit/verify"))!;
            verified["intact"]!.GetValue<bool>().ShouldBeTrue();
            verified["entriesChecked"]!.GetValue<long>().ShouldBe(auditBefore);

            // The material one: dispositioned by the service manager, confirmed by a finance lead.
            var decided = await cycle.DispositionAsync(material, "bill");
            decided["status"]!.GetValue<string>().ShouldBe("AwaitingConfirmation");
            var finance = await restarted.ClientForAsync(Finance);
            var batch = (await finance.GetFromJsonAsync<JsonArray>($"/api/invoice-batches?instanceId={instanceId}"))!.Single()!.AsObject();
            var blocked = await finance.PostAsync($"/api/invoice-batches/{batch.Id()}/release", null);
            blocked.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await blocked.Content.ReadFromJsonAsync<JsonObject>())!["openExceptionIds"]!.AsArray().Select(i => i!.GetValue<string>()).ShouldContain(material.Id());
            (await finance.PostAsJsonAsync($"/api/exceptions/{material.Id()}/confirm", new { accept = true, comment = "billable per the agreement" })).StatusCode.ShouldBe(HttpStatusCode.OK);
            foreach (var e in (await cycle.ExceptionsAsync(instanceId)).Where(e => e["status"]!.GetValue<string>() != "Closed"))
            {
                await cycle.DispositionAsync(e);
            }

            await cycle.SubmitAsync(instanceId, 4, "s4-disposition", Service, new { summary = "Every exception dispositioned" });
            var early = await (await restarted.ClientForAsync(Approver)).CompleteAsync(await service.WaitForTaskAsync(instanceId, "s4-gate"), "Approved");
            early.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await early.Content.ReadAsStringAsync()).ShouldContain("invoice batch");
            var released = await finance.PostAsync($"/api/invoice-batches/{batch.Id()}/release", null);
            released.StatusCode.ShouldBe(HttpStatusCode.OK, await released.Content.ReadAsStringAsync());
            await cycle.ApproveAsync(instanceId, "s4-gate", Approver);

            await cycle.StepAsync(instanceId, 5, "s5-publish-dashboard", PsaAdmin, new { summary = "Published to the finance channel" }, "s5-gate", Service);
            await cycle.SubmitAsync(instanceId, 6, "s6-review-sample", Finance, new { findings = "No drift found", itemsReviewed = 5 });
            await cycle.StepAsync(instanceId, 6, "s6-governance-review", PsaAdmin, new { packagingChanges = "none", pricingChanges = "overage rate review", adherenceActions = "coding refresher", invoiceErrorRate = 2.5 }, "s6-gate", Service);
            await service.WaitForSubStatusAsync(instanceId, "Finished");

            await cycle.VerifyBriefsAndAuditPackAsync(instanceId);
        }
        finally
        {
            await first.Database.DisposeAsync();
        }
    }

    /// <summary>The demo users' moves, as scripts against the API would make them.</summary>
    private sealed class Cycle(ProductHost host)
    {
        public async Task SubmitAsync(string instanceId, int step, string activityId, string owner, object data)
        {
            var client = await host.ClientForAsync(owner);
            await client.AttachNoteAsync(instanceId, activityId, $"Step {step} work notes by {owner}");
            var done = await client.CompleteAsync(await client.WaitForTaskAsync(instanceId, activityId), "Done", data);
            done.StatusCode.ShouldBe(HttpStatusCode.OK, await done.Content.ReadAsStringAsync());
        }

        public async Task ApproveAsync(string instanceId, string gateId, string approver)
        {
            var client = await host.ClientForAsync(approver);
            var approved = await client.CompleteAsync(await client.WaitForTaskAsync(instanceId, gateId), "Approved");
            approved.StatusCode.ShouldBe(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        }

        public async Task StepAsync(string instanceId, int step, string activityId, string owner, object data, string gateId, string approver)
        {
            await SubmitAsync(instanceId, step, activityId, owner, data);
            await ApproveAsync(instanceId, gateId, approver);
        }

        public async Task UploadAsync(string instanceId, string activityId, string user, byte[] bytes, string name)
        {
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(file, "file", name);
            form.Add(new StringContent(activityId), "activityId");
            form.Add(new StringContent("PAI-8 C2 Billing validation|D6 Human oversight"), "controls");
            var response = await (await host.ClientForAsync(user)).PostAsync($"/api/workflow-instances/{instanceId}/evidence", form);
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            (await response.Content.ReadFromJsonAsync<JsonObject>())!["controls"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(["PAI-8 C2 Billing validation", "PSF D6 Human oversight"]);
        }

        public async Task<List<JsonObject>> ExceptionsAsync(string instanceId)
        {
            var page = (await (await host.ClientForAsync(Auditor)).GetFromJsonAsync<JsonObject>($"/api/exceptions?instanceId={instanceId}&pageSize=200"))!;
            page["total"]!.GetValue<int>().ShouldBeLessThanOrEqualTo(200);
            return [.. page["items"]!.AsArray().Select(i => i!.AsObject())];
        }

        public async Task<JsonObject> DispositionAsync(JsonObject exception, string? disposition = null)
        {
            var client = await host.ClientForAsync(exception["routedRole"]!.GetValue<string>() == "FinanceLead" ? Finance : Service);
            var chosen = disposition ?? (exception["category"]!.GetValue<string>() == "stale-unbilled" ? "write-off" : "bill");
            var response = await client.PostAsJsonAsync($"/api/exceptions/{exception.Id()}/disposition", new { disposition = chosen, reason = $"{chosen}: checked against the agreement and the ticket" });
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var decided = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            if (decided["status"]!.GetValue<string>() == "AwaitingConfirmation" && disposition is null)
            {
                // A confirmer holds the routed role or one of Exceptions:ConfirmationRoles (FinanceLead, Admin); the demo has one finance lead.
                var confirmer = exception["routedRole"]!.GetValue<string>() == "FinanceLead" ? "admin@demo.local" : Finance;
                var confirmed = await (await host.ClientForAsync(confirmer)).PostAsJsonAsync($"/api/exceptions/{exception.Id()}/confirm", new { accept = true });
                confirmed.StatusCode.ShouldBe(HttpStatusCode.OK, await confirmed.Content.ReadAsStringAsync());
            }

            return decided;
        }

        public async Task<List<JsonObject>> EvidenceAsync(string instanceId) =>
            [.. (await (await host.ClientForAsync(Auditor)).GetFromJsonAsync<JsonArray>($"/api/workflow-instances/{instanceId}/evidence"))!.Select(e => e!.AsObject())];

        public async Task VerifyBriefsAndAuditPackAsync(string instanceId)
        {
            var auditor = await host.ClientForAsync(Auditor);
            var evidence = await EvidenceAsync(instanceId);
            foreach (var (step, source) in new[] { (1, "/api/catalog/completeness"), (2, "/api/time-entries/classification"), (3, "/api/validation-runs/"), (4, "/api/invoice-batches/"), (5, "/api/exceptions?instanceId="), (6, "/api/control-samples?instanceId=") })
            {
                evidence.ShouldContain(e => e["kind"]!.GetValue<string>() == "Artefact" && e["step"] != null && e["step"]!.GetValue<int>() == step && e["url"] != null && e["url"]!.GetValue<string>().StartsWith(source, StringComparison.Ordinal), $"step {step}'s system artefact");
            }

            evidence.Where(e => e["step"] is not null).ShouldAllBe(e => e["gateId"]!.GetValue<string>() == $"s{e["step"]}-gate");
            var briefs = (await auditor.GetFromJsonAsync<JsonArray>($"/api/workflow-instances/{instanceId}/briefs"))!;
            briefs.Select(b => b!["activityId"]!.GetValue<string>()).ShouldBe(["s1-gate", "s2-gate", "s3-gate", "s4-gate", "s5-gate", "s6-gate"]);
            var approvers = new[] { Service, Service, Approver, Approver, Service, Service };
            for (var i = 0; i < briefs.Count; i++)
            {
                var response = await auditor.GetAsync($"/api/briefs/{briefs[i]!["id"]}");
                response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
                var pdf = await response.Content.ReadAsByteArrayAsync();
                using var document = PdfDocument.Open(pdf);
                var words = document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text).ToList();
                var text = string.Join(' ', words);
                words.ShouldContain(instanceId);
                words.ShouldContain(approvers[i]);
                text.ShouldContain("Agreement billing integrity");
                text.ShouldContain($"Step {i + 1}");
                var gateEvidence = evidence.Where(e => e["gateId"]?.GetValue<string>() == $"s{i + 1}-gate" && e["sha256"] is not null && e["kind"]!.GetValue<string>() != "Artefact" || e["gateId"]?.GetValue<string>() == $"s{i + 1}-gate" && e["createdBy"]!.GetValue<string>() == "system" && !e["name"]!.GetValue<string>().StartsWith("Evidence brief", StringComparison.Ordinal)).ToList();
                gateEvidence.ShouldNotBeEmpty();
                words.ShouldContain(gateEvidence[0]["sha256"]!.GetValue<string>());
                if (i >= 2)
                {
                    text.ShouldContain("missing-time");
                    text.ShouldContain("Exceptions open");
                }

                if (i == 2)
                {
                    await RenderWithPopplerAsync(pdf);
                }
            }

            var pack = await auditor.GetByteArrayAsync($"/api/workflow-instances/{instanceId}/audit-pack");
            using var zip = new ZipArchive(new MemoryStream(pack));
            var files = JsonNode.Parse(zip.GetEntry("manifest.json")!.Open())!["files"]!.AsArray();
            files.Count(f => f!["kind"]!.GetValue<string>() == "brief").ShouldBe(6);
            files.Select(f => f!["sha256"]!.GetValue<string>()).ShouldContain(evidence.Single(e => e["name"]!.GetValue<string>() == "findings-review.csv")["sha256"]!.GetValue<string>());
            foreach (var file in files)
            {
                await using var entry = zip.GetEntry(file!["path"]!.GetValue<string>())!.Open();
                Convert.ToHexStringLower(await SHA256.HashDataAsync(entry)).ShouldBe(file["sha256"]!.GetValue<string>());
            }

            var verify = (await auditor.GetFromJsonAsync<JsonObject>("/api/audit/verify"))!;
            verify["intact"]!.GetValue<bool>().ShouldBeTrue(verify.ToJsonString());
            var audit = new List<string>();
            for (long after = 0; ;)
            {
                var entries = (await auditor.GetFromJsonAsync<JsonArray>($"/api/audit?after={after}&take=200"))!;
                if (entries.Count == 0)
                {
                    break;
                }

                audit.AddRange(entries.Select(a => a!["action"]!.GetValue<string>()));
                after = entries[^1]!["sequence"]!.GetValue<long>();
            }

            audit.ShouldContain("exceptions.confirm");
            audit.ShouldContain("invoice-batches.release");
        }

        private static async Task RenderWithPopplerAsync(byte[] pdf)
        {
            var folder = Directory.CreateTempSubdirectory("bo-brief-").FullName;
            var input = Path.Combine(folder, "brief.pdf");
            await File.WriteAllBytesAsync(input, pdf);
            using var process = Process.Start(new ProcessStartInfo("pdftoppm", ["-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile", input, Path.Combine(folder, "page")]) { RedirectStandardError = true })!;
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            process.ExitCode.ShouldBe(0, errors);
            var png = await File.ReadAllBytesAsync(Path.Combine(folder, "page.png"));
            png.Take(8).ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
            png.Length.ShouldBeGreaterThan(5_000);
            Directory.Delete(folder, recursive: true);
        }
    }
}

using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using BillingOrchestrator.Evidence.Items;
using BillingOrchestrator.Testing;
using BillingOrchestrator.Testing.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace BillingOrchestrator.UiTests;

[Collection(BrowserCollection.Name)]
public sealed class QualityGateTests(BrowserFixture browser, UiHost host) : IClassFixture<UiHost>
{
    [Fact]
    public async Task QualityGate_ApprovedWithAFileUploadedByTheOwner_FinishesTheInstanceWithABrief()
    {
        var (instanceId, gate) = await InstanceAtGateAsync();

        await using (var finance = await UiSession.SignInAsync(browser.Browser, host.ServerAddress!, "finance@demo.local", $"/instances/{instanceId}"))
        {
            var upload = finance.Page.Locator("#attach-evidence input[type=file]");
            await upload.SetInputFilesAsync(new FilePayload { Name = "validation-report.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes("check,findings\nmissing-time,3\n") });
            await finance.Page.WaitForSelectorAsync("#instance-message:has-text('Attached validation-report.csv to gate')");
            await finance.ScreenshotAsync("gate-evidence-uploaded");
        }

        await using var service = await UiSession.SignInAsync(browser.Browser, host.ServerAddress!, "service@demo.local");
        await service.Page.OpenTaskAsync(gate);
        (await service.Page.InnerTextAsync("#evidence-report")).ShouldContain("validation-report.csv (by finance@demo.local)");
        await service.Page.CompleteTaskAsync("Approved");
        await service.ScreenshotAsync("gate-approved");

        (await service.Page.InnerTextAsync("#task-done")).ShouldContain("Completed by service@demo.local");
        var api = await host.ClientForAsync("service@demo.local");
        await api.WaitForSubStatusAsync(instanceId, "Finished");
        var briefs = await host.WithDbAsync(db => db.Set<EvidenceBriefRecord>().CountAsync(b => b.InstanceId == instanceId && b.ActivityId == "gate"));
        briefs.ShouldBe(1);
    }

    [Fact]
    public async Task DesignerRunOverlay_ShowsTheStepsStateAndCompletesTheGateFromTheSidePanel()
    {
        var (instanceId, _) = await InstanceAtGateAsync();
        await (await host.ClientForAsync("finance@demo.local")).AttachNoteAsync(instanceId, "gate", "Findings reviewed with the service desk");

        await using var service = await UiSession.SignInAsync(browser.Browser, host.ServerAddress!, "service@demo.local", $"/designer/{TestWorkflows.Approval.DefinitionId}?instance={instanceId}");
        var page = service.Page;
        await page.WaitForSelectorAsync(".activity-node[data-activity=gate].run-current");
        (await page.Locator(".activity-node[data-activity=review].run-finished").CountAsync()).ShouldBe(1);
        (await page.Locator(".activity-node[data-activity=count].run-pending").CountAsync()).ShouldBe(1);
        (await page.InnerTextAsync("#task-panel")).ShouldContain("Quality gate in");
        await service.ScreenshotAsync("designer-run-overlay");

        await page.CompleteTaskAsync("Approved");

        await page.WaitForSelectorAsync(".activity-node[data-activity=gate].run-finished");
        await service.ScreenshotAsync("designer-run-overlay-after");
    }

    [Fact]
    public async Task QualityGate_ClaimedByAnotherApprover_OffersNoCompletionAndSaysWhose_AndOutsideTheRoleDoesNotExist()
    {
        var (_, gate) = await InstanceAtGateAsync();
        var service = await host.ClientForAsync("service@demo.local");
        var revision = (await service.GetFromJsonAsync<JsonObject>($"/api/tasks/{gate}"))!["revision"]!.GetValue<long>();
        (await service.PostAsJsonAsync($"/api/tasks/{gate}/claim", new { expectedRevision = revision, operationId = Guid.NewGuid().ToString("N") })).EnsureSuccessStatusCode();

        await using (var approver = await UiSession.SignInAsync(browser.Browser, host.ServerAddress!, "service-approver@demo.local"))
        {
            await approver.Page.OpenTaskAsync(gate);
            (await approver.Page.InnerTextAsync("#task-panel")).ShouldContain("You can see this task but not act on it: it is for role ServiceManager and assigned to service@demo.local");
            (await approver.Page.Locator("#task-complete").CountAsync()).ShouldBe(0);
            await approver.ScreenshotAsync("gate-refused-claimed-by-another");
        }

        // A finance lead's list does not show the service managers' gate, so neither does the panel (as GET /api/tasks/{id}).
        await using var finance = await UiSession.SignInAsync(browser.Browser, host.ServerAddress!, "finance@demo.local");
        await finance.Page.GotoAsync($"/tasks?task={gate}");
        (await finance.Page.WaitForSelectorAsync("#task-message"))!.ShouldNotBeNull();
        (await finance.Page.InnerTextAsync("#task-message")).ShouldContain($"Task {gate} does not exist.");
        (await finance.Page.Locator("#task-complete").CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Evidence_AsAuditor_DownloadsThePdfBriefOfAnApprovedGate()
    {
        var (instanceId, _) = await InstanceAtGateAsync();
        var finance = await host.ClientForAsync("finance@demo.local");
        var evidence = await finance.AttachNoteAsync(instanceId, "gate", "Validation run reviewed");
        var service = await host.ClientForAsync("service@demo.local");
        var gateTask = await service.WaitForTaskAsync(instanceId, "gate");
        (await service.CompleteAsync(gateTask, "Approved", new { evidence = new { report = evidence } })).EnsureSuccessStatusCode();

        await using var auditor = await UiSession.SignInAsync(browser.Browser, host.ServerAddress!, "auditor@demo.local", $"/evidence?instance={instanceId}");
        await auditor.Page.WaitForSelectorAsync(".brief-link");
        (await auditor.Page.InnerTextAsync("#evidence-items")).ShouldContain("Validation run reviewed");
        await auditor.Page.ClickAsync("#verify-chain");
        (await auditor.Page.InnerTextAsync("#chain-result")).ShouldStartWith("Intact:");
        await auditor.ScreenshotAsync("auditor-evidence");

        var download = await auditor.Page.RunAndWaitForDownloadAsync(() => auditor.Page.ClickAsync(".brief-link"));
        download.SuggestedFilename.ShouldBe($"brief-{instanceId}-gate.pdf");
        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", download.SuggestedFilename);
        await download.SaveAsAsync(path);
        using var pdf = PdfDocument.Open(path);
        var words = pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text).ToList();
        words.ShouldContain("Validation");
        words.ShouldContain(instanceId);
    }

    [Fact]
    public async Task Upload_TooLargeOrOfARefusedType_IsExplainedInlineAndAttachesNothing()
    {
        var (instanceId, _) = await InstanceAtGateAsync();
        await using var finance = await UiSession.SignInAsync(browser.Browser, host.ServerAddress!, "finance@demo.local", $"/instances/{instanceId}");
        var upload = finance.Page.Locator("#attach-evidence input[type=file]");

        await upload.SetInputFilesAsync(new FilePayload { Name = "huge.csv", MimeType = "text/csv", Buffer = new byte[250_000] });
        (await finance.Page.InnerTextAsync("#upload-error")).ShouldContain("huge.csv is 244.1 KiB; evidence files may be at most 195.3 KiB");

        await upload.SetInputFilesAsync(new FilePayload { Name = "tool.exe", MimeType = "application/octet-stream", Buffer = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00] });
        await finance.Page.WaitForSelectorAsync("#upload-error:has-text('file:')");
        await finance.ScreenshotAsync("upload-refused-type");

        var attached = await host.WithDbAsync(db => db.Set<EvidenceItem>().CountAsync(e => e.InstanceId == instanceId));
        attached.ShouldBe(0);
    }

    [Fact]
    public async Task Complete_AfterSomeoneElseCompletedTheTask_ExplainsTheConflictAndShowsTheTaskAsItIs()
    {
        var (instanceId, gate) = await InstanceAtGateAsync();
        await using var service = await UiSession.SignInAsync(browser.Browser, host.ServerAddress!, "service@demo.local");
        await service.Page.OpenTaskAsync(gate);

        var admin = await host.ClientForAsync("admin@demo.local");
        var gateTask = await admin.WaitForTaskAsync(instanceId, "gate");
        (await admin.CompleteAsync(gateTask, "Rejected")).EnsureSuccessStatusCode();
        await service.Page.SelectAsync("#task-outcome", "Approved");
        await service.Page.ClickAsync("#task-complete");

        var message = await service.Page.InnerTextAsync("#task-message");
        message.ShouldContain("Conflict:");
        message.ShouldContain("is Completed (by admin@demo.local); it can no longer change");
        (await service.Page.InnerTextAsync("#task-done")).ShouldContain("Completed by admin@demo.local");
        await service.ScreenshotAsync("task-conflict");
    }

    /// <summary>Starts the approval workflow and completes its review through the API, so the instance waits at the gate.</summary>
    private async Task<(string InstanceId, string GateTaskId)> InstanceAtGateAsync()
    {
        var finance = await host.ClientForAsync("finance@demo.local");
        var instance = await finance.StartAsync(TestWorkflows.Approval.DefinitionId, new { amount = 100 });
        var review = await finance.WaitForTaskAsync(instance.Id(), "review");
        (await finance.CompleteAsync(review, "Approve", new JsonObject { ["reason"] = "rates checked" })).EnsureSuccessStatusCode();
        var gate = await (await host.ClientForAsync("service@demo.local")).WaitForTaskAsync(instance.Id(), "gate");
        return (instance.Id(), gate.Id());
    }
}

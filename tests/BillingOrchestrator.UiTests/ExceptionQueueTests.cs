using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Testing;
using BillingOrchestrator.Testing.Workflows;

namespace BillingOrchestrator.UiTests;

/// <summary>Playbook step 4 in the browser: the exception queue, the two-person confirmation, bulk dispositions and the invoice batch's release.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ExceptionQueueTests(BrowserFixture browser, UiDemoHost host) : IClassFixture<UiDemoHost>
{
    private const string Finance = "finance@demo.local";
    private const string Service = "service@demo.local";

    private async Task<(string InstanceId, List<JsonObject> Exceptions)> RoutedAsync()
    {
        var service = await host.ClientForAsync(Service);
        var instance = await service.StartAsync(TestWorkflows.Exceptions.DefinitionId);
        await service.WaitForTaskAsync(instance.Id(), "disposition");
        return (instance.Id(), await ExceptionsAsync(service, instance.Id()));
    }

    private static Task<List<JsonObject>> ExceptionsAsync(HttpClient client, string instanceId) => client.ExceptionsAsync($"instanceId={instanceId}");

    private static string Role(JsonObject e) => e["routedRole"]!.GetValue<string>();

    private static decimal Amount(JsonObject e) => e["amount"]!.GetValue<decimal>();

    [Fact]
    public async Task Exception_DispositionedByItsRoutedRole_IsConfirmedByASecondPerson_AndNeverOfferedToTheDeciderOrAnotherRole()
    {
        var (instanceId, exceptions) = await RoutedAsync();
        var material = exceptions.First(e => Role(e) == "ServiceManager" && Amount(e) > 500);
        var forFinance = exceptions.First(e => Role(e) == "FinanceLead");
        var api = await host.ClientForAsync(Finance);

        await using (var service = await UiSession.SignInAsync(browser.Browser, host.ServerAddress!, Service))
        {
            var page = service.Page;
            await page.GotoAsync($"/exceptions?instanceId={instanceId}&role=all&id={forFinance.Id()}");
            await page.WaitForSelectorAsync($"#exception-detail[data-id='{forFinance.Id()}']");
            (await page.InnerTextAsync("#disposition-not-offered")).ShouldContain("Routed to FinanceLead");
            (await page.Locator("#disposition-form").CountAsync()).ShouldBe(0);
            (await page.Locator($"tr[data-id='{forFinance.Id()}'] input.select-exception").CountAsync()).ShouldBe(0);

            // The service manager's own queue, filtered by the exception's category: only those rows.
            var category = material["category"]!.GetValue<string>();
            await page.GotoAsync($"/exceptions?instanceId={instanceId}&category={category}");
            await page.WaitForSelectorAsync($"tr[data-id='{material.Id()}']");
            (await page.InnerTextAsync("#exceptions-total")).ShouldStartWith($"{exceptions.Count(e => Role(e) == "ServiceManager" && e["category"]!.GetValue<string>() == category)} exception(s)");
            await page.Locator($"tr[data-id='{material.Id()}'] .open-exception").ClickAsync();
            await page.WaitForSelectorAsync($"#exception-detail[data-id='{material.Id()}']");
            (await page.InnerTextAsync("#detail-amount")).ShouldBe("$" + Amount(material).ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture));
            (await page.InnerTextAsync("#detail-rule")).ShouldBe(material["checkId"]!.GetValue<string>());
            var links = await page.Locator("#source-links a.source-link").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href'))");
            links.ShouldBe(material["sourceLinks"]!.AsArray().Select(l => l!.GetValue<string>()));

            // No reason: refused at the field, nothing recorded.
            await page.ClickAsync("#dispose-bill");
            await page.WaitForSelectorAsync("#disposition-form :text('required: the documented reason')");
            await page.FillAsync("#disposition-reason", "Out-of-scope onsite work, billable per the agreement");
            await page.ClickAsync("#dispose-bill");
            await page.WaitForSelectorAsync("#detail-message-ok:has-text('awaits a second person')");
            (await page.InnerTextAsync("#decided-by")).ShouldContain($"Bill by {Service}");
            (await page.InnerTextAsync("#confirm-not-offered")).ShouldContain("You decided this disposition");
            (await page.Locator("#confirm-accept").CountAsync()).ShouldBe(0);
            await service.ScreenshotAsync("exception-decided");
        }

        await using (var auditor = await UiSession.SignInAsync(browser.Browser, host.ServerAddress!, "auditor@demo.local"))
        {
            await auditor.Page.GotoAsync($"/exceptions?instanceId={instanceId}&id={material.Id()}");
            await auditor.Page.WaitForSelectorAsync($"#exception-detail[data-id='{material.Id()}']");
            (await auditor.Page.Locator("#confirm-accept, #disposition-form, #bulk-bar, input.select-exception").CountAsync()).ShouldBe(0);
        }

        await using var finance = await UiSession.SignInAsync(browser.Browser, host.ServerAddress!, Finance);
        await finance.Page.GotoAsync($"/exceptions?instanceId={instanceId}&id={material.Id()}");
        await finance.Page.WaitForSelectorAsync("#confirm-form");
        (await finance.Page.InnerTextAsync("#decided-by")).ShouldContain($"Bill by {Service}");
        await finance.Page.ClickAsync("#confirm-reject");
        await finance.Page.WaitForSelectorAsync("#confirm-form :text('required when rejecting')");
        (await api.GetFromJsonAsync<JsonObject>($"/api/exceptions/{material.Id()}"))!["status"]!.GetValue<string>().ShouldBe("AwaitingConfirmation");
        await finance.Page.FillAsync("#confirm-comment", "Checked the agreement: onsite work is out of scope");
        await finance.Page.ClickAsync("#confirm-accept");
        await finance.Page.WaitForSelectorAsync($"#confirmed-by:has-text('{Finance}')");
        await finance.ScreenshotAsync("exception-confirmed");

        var stored = (await api.GetFromJsonAsync<JsonObject>($"/api/exceptions/{material.Id()}"))!;
        stored["status"]!.GetValue<string>().ShouldBe("Closed");
        stored["disposition"]!.GetValue<string>().ShouldBe("bill");
        stored["decidedBy"]!.GetValue<string>().ShouldBe(Service);
        stored["confirmedBy"]!.GetValue<string>().ShouldBe(Finance);
        stored["history"]!.AsArray().Select(h => (h!["kind"]!.GetValue<string>(), h["actor"]!.GetValue<string>())).ShouldBe([("Disposition", Service), ("Confirmation", Finance)]);
        (await finance.Page.InnerTextAsync("#exception-history")).ShouldContain("Checked the agreement");
    }

    [Fact]
    public async Task BulkDisposition_DecidesEachSelectedOne_ReportsRefusals_AndTheBatchIsReleasedOnceNothingIsOpen()
    {
        var (instanceId, exceptions) = await RoutedAsync();
        var service = await host.ClientForAsync(Service);
        var financeApi = await host.ClientForAsync(Finance);
        var admin = await host.ClientForAsync("admin@demo.local");
        var batch = (await financeApi.GetFromJsonAsync<JsonArray>($"/api/invoice-batches?instanceId={instanceId}"))!.Single()!.AsObject();

        await using (var manager = await UiSession.SignInAsync(browser.Browser, host.ServerAddress!, Service))
        {
            var page = manager.Page;
            // From the step-4 task to the cycle's queue.
            await page.OpenTaskAsync((await service.WaitForTaskAsync(instanceId, "disposition")).Id());
            await page.ClickAsync("#task-exceptions-link");
            await page.WaitForSelectorAsync("#exceptions-table tr.exception-row");
            page.Url.ShouldContain($"/exceptions?instanceId={instanceId}");
            await page.CheckAsync("#select-all");
            var selected = await page.Locator("tr.exception-row:has(input.select-exception:checked)").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)");
            selected.Length.ShouldBeGreaterThan(1);
            (await page.InnerTextAsync("#selected-count")).ShouldBe(selected.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
            exceptions.Where(e => selected.Contains(e.Id())).ShouldAllBe(e => Role(e) == "ServiceManager");

            // Someone decides one of them first: the bulk run refuses that one (stale revision) and decides the rest.
            var first = selected[0];
            (await service.PostAsJsonAsync($"/api/exceptions/{first}/disposition", new { disposition = "fix-in-psa", reason = "corrected in ConnectWise" })).StatusCode.ShouldBe(HttpStatusCode.OK);
            await page.FillAsync("#bulk-reason", "Belongs to the project agreement");
            await page.ClickAsync("#bulk-reclassify");
            await page.WaitForSelectorAsync("#bulk-results");
            (await page.Locator("#bulk-results li.bulk-ok").CountAsync()).ShouldBe(selected.Length - 1);
            (await page.InnerTextAsync($"#bulk-results li.bulk-refused[data-id='{first}']")).ShouldContain("Conflict");
            (await page.InputValueAsync("#bulk-reason")).ShouldBe("Belongs to the project agreement", "a refusal keeps what was typed");
            await manager.ScreenshotAsync("exceptions-bulk");

            foreach (var id in selected.Skip(1))
            {
                var stored = (await service.GetFromJsonAsync<JsonObject>($"/api/exceptions/{id}"))!;
                stored["disposition"]!.GetValue<string>().ShouldBe("reclassify");
                stored["reason"]!.GetValue<string>().ShouldBe("Belongs to the project agreement");
                stored["history"]!.AsArray().Select(h => h!["actor"]!.GetValue<string>()).ShouldBe([Service]);
            }

            (await service.GetFromJsonAsync<JsonObject>($"/api/exceptions/{first}"))!["disposition"]!.GetValue<string>().ShouldBe("fix-in-psa");

            await page.GotoAsync($"/invoice-batches?instanceId={instanceId}");
            await page.WaitForSelectorAsync("#batch-detail");
            (await page.InnerTextAsync("#release-not-offered")).ShouldContain("finance leads and admins");
        }

        await using var finance = await UiSession.SignInAsync(browser.Browser, host.ServerAddress!, Finance);
        await finance.Page.GotoAsync($"/invoice-batches?instanceId={instanceId}");
        await finance.Page.WaitForSelectorAsync("#release-blocked");
        (await finance.Page.IsDisabledAsync("#release-batch")).ShouldBeTrue();
        var blocking = await finance.Page.Locator("#blocking-exceptions li[data-id] a").First.GetAttributeAsync("href");
        blocking.ShouldNotBeNull().ShouldContain($"/exceptions?instanceId={instanceId}");

        // Everything the UI left open is decided through the API; material ones confirmed by the admin.
        foreach (var e in await ExceptionsAsync(financeApi, instanceId))
        {
            if (e["status"]!.GetValue<string>() == "Open")
            {
                var client = Role(e) == "FinanceLead" ? financeApi : service;
                (await client.PostAsJsonAsync($"/api/exceptions/{e.Id()}/disposition", new { disposition = "bill", reason = "billable" })).StatusCode.ShouldBe(HttpStatusCode.OK);
            }
        }

        foreach (var e in (await ExceptionsAsync(financeApi, instanceId)).Where(e => e["status"]!.GetValue<string>() == "AwaitingConfirmation"))
        {
            (await admin.PostAsJsonAsync($"/api/exceptions/{e.Id()}/confirm", new { accept = true })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await finance.Page.ReloadAsync();
        await finance.Page.WaitForSelectorAsync("#release-ready");
        await finance.Page.ClickAsync("#release-batch");
        await finance.Page.WaitForSelectorAsync($"#released-by:has-text('{Finance}')");
        (await finance.Page.GetAttributeAsync("#export-quickbooks", "href")).ShouldBe($"/api/invoice-batches/{batch.Id()}/export/quickbooks");
        await finance.ScreenshotAsync("invoice-batch-released");

        var released = (await financeApi.GetFromJsonAsync<JsonObject>($"/api/invoice-batches/{batch.Id()}"))!;
        released["released"]!.GetValue<bool>().ShouldBeTrue();
        released["releasedBy"]!.GetValue<string>().ShouldBe(Finance);
        released["openExceptions"]!.GetValue<int>().ShouldBe(0);
        var download = await finance.Page.RunAndWaitForDownloadAsync(() => finance.Page.ClickAsync("#export-write-off-journal"));
        download.SuggestedFilename.ShouldEndWith(".csv");
    }
}

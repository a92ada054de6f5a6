using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Testing;

using BillingOrchestrator.Testing.Operations;

namespace BillingOrchestrator.IntegrationTests.Operations;

/// <summary>
/// The notification outbox end to end: workflows queue messages, the worker delivers them to a real SMTP server and a
/// real webhook receiver on loopback, failures are retried with their reason visible, and a workflow never waits for
/// delivery.
/// </summary>
public sealed class NotificationDeliveryTests
{
    [Theory]
    [InlineData(TestDatabaseKind.Sqlite)]
    [InlineData(TestDatabaseKind.Postgres)]
    public async Task NotifyTaskAndGate_AreDeliveredByEmailToRoleRecipients_AndToTheWebhook(TestDatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var smtp = new LoopbackSmtpServer();
        await smtp.StartAsync();
        await using var webhook = new LoopbackWebhook();
        await webhook.StartAsync();
        await using var host = new OperationsHost(database, OperationsWorkflows.Directory(), Channels(smtp, webhook));
        var finance = await host.ClientForAsync(OperationsHost.Finance);
        var service = await host.ClientForAsync(OperationsHost.Service);

        var instance = await finance.StartAsync(OperationsWorkflows.NotifyThenTasks);
        var check = await service.WaitForTaskAsync(instance.Id(), "check");

        // A task done before its notification went out is not announced any more: let this one be announced first.
        await Eventually.ReturnsAsync(() => Task.FromResult(smtp.Received.Count), n => n >= 2, "the notify and new-task emails");
        (await service.CompleteAsync(check, "Done")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await finance.WaitForTaskAsync(instance.Id(), "gate");

        await Eventually.ReturnsAsync(() => Task.FromResult(smtp.Received.Count), n => n >= 3, "three emails");
        var mails = smtp.Received.Select(m => (To: m.To.Mailboxes.Single().Address, m.Subject, Body: m.TextBody ?? "")).ToList();
        mails.ShouldContain(m => m.To == "finance@demo.local" && m.Subject == "Cycle started" && m.Body.Contains("The monthly cycle has started."));
        mails.ShouldContain(m => m.To == "service@demo.local" && m.Subject == "New task: Check the exceptions" && m.Body.Contains("Due "));
        mails.ShouldContain(m => m.To == "finance@demo.local" && m.Subject == "Gate waiting for approval: Approve the batch");
        await Eventually.ReturnsAsync(() => Task.FromResult(webhook.Posts.Count), n => n >= 3, "three webhook posts");
        webhook.Posts.Select(p => p["text"]!.GetValue<string>()).ShouldContain(t => t.StartsWith("Gate waiting for approval: Approve the batch", StringComparison.Ordinal));

        var sent = await Eventually.ReturnsAsync(
            () => NotificationsAsync(finance, $"status=Sent&instanceId={instance.Id()}"), list => list.Count == 6, "three emails and three posts recorded as sent");
        sent.ShouldAllBe(n => n!["attempts"]!.GetValue<int>() == 1 && n["lastError"] == null);
        await Task.Delay(500);
        smtp.Received.Count.ShouldBe(3);
    }

    [Theory]
    [InlineData(TestDatabaseKind.Sqlite)]
    [InlineData(TestDatabaseKind.Postgres)]
    public async Task SmtpServerDown_WorkflowFinishesAnyway_MailIsRetriedAndDeliveredOnceTheServerIsUp(TestDatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var smtp = new LoopbackSmtpServer();
        await using var host = new OperationsHost(database, OperationsWorkflows.Directory(), Channels(smtp, null));
        var finance = await host.ClientForAsync(OperationsHost.Finance);

        var instance = await finance.StartAsync(OperationsWorkflows.NotifyOnly);
        await finance.WaitForSubStatusAsync(instance.Id(), "Finished");

        var failing = await Eventually.ReturnsAsync(
            () => NotificationsAsync(finance, $"instanceId={instance.Id()}"),
            list => list.Count == 2 && list.All(n => n!["attempts"]!.GetValue<int>() >= 2),
            "two emails attempted at least twice");
        failing.ShouldAllBe(n => n!["status"]!.GetValue<string>() == "Pending" && n["lastError"]!.GetValue<string>().Length > 0);

        await smtp.StartAsync();
        var sent = await Eventually.ReturnsAsync(
            () => NotificationsAsync(finance, $"status=Sent&instanceId={instance.Id()}"), list => list.Count == 2, "both emails sent");
        sent.ShouldAllBe(n => n!["attempts"]!.GetValue<int>() >= 3);
        smtp.Received.Select(m => m.To.Mailboxes.Single().Address).Order().ShouldBe(["psa-admin@demo.local", "service@demo.local"]);
    }

    [Theory]
    [InlineData(TestDatabaseKind.Sqlite)]
    [InlineData(TestDatabaseKind.Postgres)]
    public async Task WebhookFailing_ErrorVisibleWithoutItsToken_RetriedUntilItAnswers(TestDatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var webhook = new LoopbackWebhook { Failing = true };
        await webhook.StartAsync();
        await using var host = new OperationsHost(database, OperationsWorkflows.Directory(), Channels(null, webhook));
        var finance = await host.ClientForAsync(OperationsHost.Finance);

        var instance = await finance.StartAsync(OperationsWorkflows.NotifyOnly);
        await finance.WaitForSubStatusAsync(instance.Id(), "Finished");
        var failing = await Eventually.ReturnsAsync(
            () => NotificationsAsync(finance, $"status=Pending&instanceId={instance.Id()}"),
            list => list.Count == 1 && list[0]!["attempts"]!.GetValue<int>() >= 2,
            "the webhook post retried");
        failing[0]!["lastError"]!.GetValue<string>().ShouldBe("the webhook answered 500 Internal Server Error");

        webhook.Failing = false;
        await Eventually.ReturnsAsync(() => NotificationsAsync(finance, $"status=Sent&instanceId={instance.Id()}"), list => list.Count == 1, "the webhook post sent");
        webhook.Posts.Single()["text"]!.GetValue<string>().ShouldStartWith("Leakage review ready");
        webhook.Attempts.ShouldBeGreaterThanOrEqualTo(3);

        var everything = string.Join('\n', host.Logs.Lines) + await finance.GetStringAsync("/api/notifications");
        everything.ShouldNotContain(LoopbackWebhook.Token);
        host.Logs.Lines.ShouldContain(l => l.Contains("the webhook answered 500", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(TestDatabaseKind.Sqlite)]
    public async Task ListNotifications_UnknownStatus_Is400NamingStatus_AndAnonymousIs401(TestDatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var host = new OperationsHost(database, OperationsWorkflows.Directory());
        var auditor = await host.ClientForAsync("auditor@demo.local");

        var response = await auditor.GetAsync("/api/notifications?status=Lost");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["status"]![0]!.GetValue<string>().ShouldContain("Pending, Sent, Failed");
        (await auditor.GetAsync("/api/notifications?status=Sent")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var anonymous = host.CreateClient();
        (await anonymous.GetAsync("/api/notifications")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    public static Dictionary<string, string?> Channels(LoopbackSmtpServer? smtp, LoopbackWebhook? webhook) => new()
    {
        ["Notifications:Smtp:Host"] = smtp is null ? "" : "127.0.0.1",
        ["Notifications:Smtp:Port"] = smtp?.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "25",
        ["Notifications:Webhook:Url"] = webhook?.Url ?? "",
    };

    public static async Task<List<JsonNode?>> NotificationsAsync(HttpClient client, string query) =>
        [.. (await client.GetFromJsonAsync<JsonObject>($"/api/notifications?pageSize=200&{query}"))!["items"]!.AsArray()];
}

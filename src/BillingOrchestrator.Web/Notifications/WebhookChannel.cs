using System.Net.Http.Json;
using BillingOrchestrator.Persistence.Operations;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Web.Notifications;

/// <summary>
/// Posts <c>{"text": ...}</c> to a Teams/Slack-compatible incoming webhook. Its URL carries a token: errors say what went
/// wrong without it, and the HTTP client's own request logging is removed (see <see cref="DependencyInjection"/>).
/// </summary>
public sealed class WebhookChannel(IHttpClientFactory clients, IOptions<NotificationOptions> options) : INotificationChannel
{
    public const string HttpClientName = "notifications-webhook";

    public string Name => NotificationChannels.Webhook;

    public async Task SendAsync(NotificationRow notification, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Webhook.Enabled)
        {
            throw new NotificationDeliveryException("the webhook is not configured (Notifications:Webhook:Url is empty)");
        }

        var client = clients.CreateClient(HttpClientName);
        client.Timeout = settings.SendTimeout;
        HttpResponseMessage response;
        try
        {
            response = await client.PostAsJsonAsync(settings.Webhook.Url, new { text = $"{notification.Subject}\n\n{notification.Body}" }, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new NotificationDeliveryException($"the webhook could not be reached ({ex.HttpRequestError})");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NotificationDeliveryException($"the webhook did not answer within {settings.SendTimeout}");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new NotificationDeliveryException($"the webhook answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }
        }
    }
}

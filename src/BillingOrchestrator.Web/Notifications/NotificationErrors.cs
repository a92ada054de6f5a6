namespace BillingOrchestrator.Web.Notifications;

/// <summary>Turns a delivery failure into a reason fit to store, show and log: no password, no webhook URL or token.</summary>
public static class NotificationErrors
{
    private const int MaxLength = 500;

    public static string Describe(Exception exception, NotificationOptions options)
    {
        var text = exception is NotificationDeliveryException ? exception.Message : $"{exception.GetType().Name}: {exception.Message}";
        foreach (var secret in Secrets(options))
        {
            text = text.Replace(secret, "***", StringComparison.Ordinal);
        }

        return text.Length > MaxLength ? text[..MaxLength] : text;
    }

    private static IEnumerable<string> Secrets(NotificationOptions options)
    {
        if (!string.IsNullOrEmpty(options.Smtp.Password))
        {
            yield return options.Smtp.Password;
        }

        if (!string.IsNullOrEmpty(options.Webhook.Url))
        {
            yield return options.Webhook.Url;
            if (Uri.TryCreate(options.Webhook.Url, UriKind.Absolute, out var url) && url.PathAndQuery.Length > 1)
            {
                yield return url.PathAndQuery;
            }
        }
    }
}

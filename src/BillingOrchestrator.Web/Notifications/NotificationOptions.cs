namespace BillingOrchestrator.Web.Notifications;

/// <summary>The <c>Notifications</c> configuration section: channels, who a role's messages go to, and retry policy.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Email over SMTP; off while <see cref="SmtpOptions.Host"/> is empty.</summary>
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>A Teams/Slack-compatible incoming webhook; off while <see cref="WebhookOptions.Url"/> is empty.</summary>
    public WebhookOptions Webhook { get; set; } = new();

    /// <summary>Role name to the email addresses that receive the role's notifications.</summary>
    public Dictionary<string, string[]> Recipients { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>After this many failed attempts a notification is marked Failed and left alone.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait before the second attempt; doubled for every further one, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the worker looks for new outbox effects and notifications due for delivery.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one delivery may take before the attempt counts as failed.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Run the delivery worker on this host.</summary>
    public bool RunWorker { get; set; } = true;

    public TimeSpan BackoffAfter(int attempts)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var delay = TimeSpan.FromMilliseconds(RetryDelay.TotalMilliseconds * factor);
        return delay > MaxRetryDelay ? MaxRetryDelay : delay;
    }
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public string From { get; set; } = "billing-orchestrator@localhost";

    /// <summary>Require STARTTLS (or TLS on connect for port 465).</summary>
    public bool UseTls { get; set; }

    public string? UserName { get; set; }

    /// <summary>Give it through an environment variable (<c>Notifications__Smtp__Password</c>); never logged.</summary>
    public string? Password { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}

public sealed class WebhookOptions
{
    /// <summary>The incoming-webhook URL; it usually carries a token, so it is never logged nor shown in errors.</summary>
    public string? Url { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Url);
}

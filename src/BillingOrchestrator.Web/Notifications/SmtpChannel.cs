using BillingOrchestrator.Persistence.Operations;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace BillingOrchestrator.Web.Notifications;

/// <summary>Email through the configured SMTP server (MailKit). The Message-Id is the notification's id, so a resend after a crash can be recognised.</summary>
public sealed class SmtpChannel(IOptions<NotificationOptions> options) : INotificationChannel
{
    public string Name => NotificationChannels.Email;

    public async Task SendAsync(NotificationRow notification, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var smtp = settings.Smtp;
        if (!smtp.Enabled)
        {
            throw new NotificationDeliveryException("email is not configured (Notifications:Smtp:Host is empty)");
        }

        var message = new MimeMessage { Subject = notification.Subject, MessageId = $"{notification.Id}@billing-orchestrator" };
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(MailboxAddress.Parse(notification.Recipient ?? throw new NotificationDeliveryException("the email has no recipient")));
        message.Body = new TextPart("plain") { Text = notification.Body };

        using var client = new SmtpClient { Timeout = (int)settings.SendTimeout.TotalMilliseconds };
        var security = !smtp.UseTls ? SecureSocketOptions.None : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        await client.ConnectAsync(smtp.Host!, smtp.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

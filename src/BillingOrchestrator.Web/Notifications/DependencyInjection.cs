namespace BillingOrchestrator.Web.Notifications;

public static class DependencyInjection
{
    /// <summary>The notification outbox, its email and webhook channels, and the background delivery worker.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<NotificationOptions>(configuration.GetSection(NotificationOptions.Section));

        // The webhook URL carries a token: the factory's request logging (which prints the URL) is removed.
        services.AddHttpClient(WebhookChannel.HttpClientName).RemoveAllLoggers();
        services.AddSingleton<INotificationChannel, SmtpChannel>();
        services.AddSingleton<INotificationChannel, WebhookChannel>();
        services.AddScoped<NotificationOutbox>();
        services.AddScoped<EffectNotifications>();
        services.AddScoped<NotificationDelivery>();
        services.AddHostedService<NotificationWorker>();
        return services;
    }
}

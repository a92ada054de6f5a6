using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Integrations.Documentation;

/// <summary>One attempt's outcome, reported as it happens so the caller can record it.</summary>
public sealed record PublishAttempt(int Attempt, bool Succeeded, string? Error, bool WillRetry, TimeSpan? NextDelay, string? Location);

/// <summary>
/// Publishes a pack to the configured sink, retrying a retryable failure with exponential backoff up to
/// <see cref="DocumentationOptions.MaxAttempts"/> attempts. Waits go through <see cref="TimeProvider"/>.
/// Every attempt is reported to the caller; the last report says whether it succeeded.
/// </summary>
public sealed partial class EvidencePackPublisher(IEvidencePackSink sink, IOptions<DocumentationOptions> options, TimeProvider time, ILogger<EvidencePackPublisher> logger)
{
    public string Target => sink.Target;

    public async Task<PublishAttempt> PublishAsync(EvidencePack pack, Func<PublishAttempt, Task> onAttempt, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        for (var attempt = 1; ; attempt++)
        {
            PublishAttempt result;
            try
            {
                var location = await sink.PublishAsync(pack, cancellationToken);
                result = new PublishAttempt(attempt, true, null, false, null, location);
            }
            catch (PublishFailedException ex)
            {
                var retry = ex.Retryable && attempt < settings.MaxAttempts;
                var error = settings.Redact(ex.Message);
                result = new PublishAttempt(attempt, false, error, retry, retry ? settings.BackoffAfter(attempt) : null, null);
                LogFailed(logger, pack.PublicationId, sink.Target, attempt, settings.MaxAttempts, error);
            }

            await onAttempt(result);
            if (result.NextDelay is not { } delay)
            {
                return result;
            }

            await Task.Delay(delay, time, cancellationToken);
        }
    }

    // Only the redacted message: an exception object could carry request details.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing evidence pack {PublicationId} to {Target} failed (attempt {Attempt} of {MaxAttempts}): {Error}")]
    private static partial void LogFailed(ILogger logger, string publicationId, string target, int attempt, int maxAttempts, string error);
}

using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Integrations.ConnectWise;

/// <summary>
/// Repeats a request after 429, 5xx, a timeout or a dropped connection, up to <see cref="ConnectWiseOptions.MaxRetries"/>
/// times. It waits what <c>Retry-After</c> asks (seconds or an HTTP date), otherwise
/// <see cref="ConnectWiseOptions.BaseRetryDelay"/> doubled per retry plus up to 25% jitter, never more than
/// <see cref="ConnectWiseOptions.MaxRetryDelay"/>. Waits go through <see cref="TimeProvider"/> so tests need not sleep.
/// 5xx, timeouts and connection failures are retried only for idempotent methods; a 429 means the request was not processed.
/// </summary>
public sealed partial class ConnectWiseRetryHandler : DelegatingHandler
{
    private readonly IOptions<ConnectWiseOptions> options;
    private readonly TimeProvider time;
    private readonly ILogger<ConnectWiseRetryHandler> logger;
    private readonly Func<double> jitter;

    public ConnectWiseRetryHandler(IOptions<ConnectWiseOptions> options, TimeProvider time, ILogger<ConnectWiseRetryHandler> logger)
        : this(options, time, logger, Random.Shared.NextDouble)
    {
    }

    internal ConnectWiseRetryHandler(IOptions<ConnectWiseOptions> options, TimeProvider time, ILogger<ConnectWiseRetryHandler> logger, Func<double> jitter)
    {
        this.options = options;
        this.time = time;
        this.logger = logger;
        this.jitter = jitter;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var endpoint = ConnectWiseRequest.EndpointOf(request);
        var attempts = settings.MaxRetries + 1;
        for (var attempt = 1; ; attempt++)
        {
            request.Options.Set(ConnectWiseRequest.Attempts, attempt);
            var last = attempt >= attempts;
            HttpResponseMessage? response = null;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.RequestTimeout);
            try
            {
                response = await base.SendAsync(request, timeout.Token).ConfigureAwait(false);

                // Read the body inside the attempt so a stalled or cut-off body is timed out and retried like a failed request.
                await response.Content.LoadIntoBufferAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                response?.Dispose();
                if (last || !IsIdempotent(request.Method))
                {
                    throw new ConnectWiseApiException(
                        ConnectWiseErrorKind.Timeout,
                        null,
                        endpoint,
                        $"ConnectWise did not answer {endpoint} within {settings.RequestTimeout.TotalSeconds:0.#} s (attempt {attempt} of {attempts})",
                        ex);
                }

                var wait = Backoff(settings, attempt);
                LogRetry(logger, endpoint, "timeout", attempt, attempts, wait);
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                response?.Dispose();
                if (last || !IsIdempotent(request.Method))
                {
                    throw new ConnectWiseApiException(
                        ConnectWiseErrorKind.Network,
                        null,
                        endpoint,
                        $"Could not reach ConnectWise for {endpoint} (attempt {attempt} of {attempts}): {settings.Redact(ex.Message)}",
                        ex);
                }

                var wait = Backoff(settings, attempt);
                LogRetry(logger, endpoint, "connection failed", attempt, attempts, wait);
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (last || !ShouldRetry(request.Method, response.StatusCode))
            {
                return response;
            }

            var delay = DelayFor(response, attempt, settings);
            LogRetry(logger, endpoint, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), attempt, attempts, delay);
            response.Dispose();
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The wait before the next attempt: what <c>Retry-After</c> asks, else exponential backoff with jitter; capped.</summary>
    internal TimeSpan DelayFor(HttpResponseMessage response, int attempt, ConnectWiseOptions settings)
    {
        var retryAfter = response.Headers.RetryAfter;
        TimeSpan? asked = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - time.GetUtcNow() : null);
        if (asked is { } wait)
        {
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > settings.MaxRetryDelay ? settings.MaxRetryDelay : wait;
        }

        return Backoff(settings, attempt);
    }

    private TimeSpan Backoff(ConnectWiseOptions settings, int attempt)
    {
        var exponential = settings.BaseRetryDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        var withJitter = exponential * (1 + (0.25 * jitter()));
        return TimeSpan.FromMilliseconds(Math.Min(withJitter, settings.MaxRetryDelay.TotalMilliseconds));
    }

    private static bool ShouldRetry(HttpMethod method, HttpStatusCode status) =>
        status == HttpStatusCode.TooManyRequests
        || ((int)status >= 500 && status != HttpStatusCode.NotImplemented && status != HttpStatusCode.HttpVersionNotSupported && IsIdempotent(method));

    private static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options || method == HttpMethod.Put || method == HttpMethod.Delete;

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "ConnectWise {Endpoint} answered {Reason} on attempt {Attempt} of {Attempts}; retrying in {Delay}")]
    private static partial void LogRetry(ILogger logger, string endpoint, string reason, int attempt, int attempts, TimeSpan delay);
}

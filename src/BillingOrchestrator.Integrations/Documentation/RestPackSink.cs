using System.Net;
using System.Net.Http.Headers;

namespace BillingOrchestrator.Integrations.Documentation;

/// <summary>
/// Posts a pack to the configured REST endpoint as <c>multipart/form-data</c>: one part per file named <c>files</c>,
/// its file name the path in the pack, plus an <c>Idempotency-Key</c> header (the publication id) so a receiver can
/// ignore a repeat of a post whose answer was lost. The API key travels in the configured header only.
/// </summary>
public sealed class RestPackSink(HttpClient http, DocumentationOptions options) : IEvidencePackSink
{
    public string Target => new Uri(options.RestUrl).GetLeftPart(UriPartial.Path);

    public async Task<string> PublishAsync(EvidencePack pack, CancellationToken cancellationToken)
    {
        using var content = new MultipartFormDataContent();
        foreach (var file in pack.Files)
        {
            var part = new ByteArrayContent(file.Content);
            part.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType);
            content.Add(part, "files", file.Path);
        }

        content.Add(new StringContent(pack.InstanceId), "instanceId");
        using var request = new HttpRequestMessage(HttpMethod.Post, options.RestUrl) { Content = content };
        request.Headers.TryAddWithoutValidation(options.ApiKeyHeader, options.ApiKey);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", pack.PublicationId);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, timeout.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PublishFailedException($"{Target} did not answer within {options.RequestTimeout.TotalSeconds:0.#} s", retryable: true, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new PublishFailedException(options.Redact($"could not reach {Target}: {ex.Message}"), retryable: true, ex);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return response.Headers.Location?.ToString() ?? Target;
            }

            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var text = body.Length > 300 ? body[..300] + "..." : body;
            var retryable = response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout;
            throw new PublishFailedException(options.Redact($"{Target} answered {status} {response.ReasonPhrase}: {text}".TrimEnd(' ', ':')), retryable);
        }
    }
}

namespace BillingOrchestrator.Web.Infrastructure;

/// <summary>
/// Downloads that the browser must save, never render: an attachment with <c>nosniff</c> and a sandboxing content
/// security policy (evidence files, briefs, the implementation assets).
/// </summary>
public static class Attachments
{
    public static IResult File(Stream stream, string contentType, string name) => new AttachmentResult(Results.File(stream, contentType, name));

    public static IResult File(byte[] content, string contentType, string name) => new AttachmentResult(Results.File(content, contentType, name));

    private sealed class AttachmentResult(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.XContentTypeOptions = "nosniff";
            httpContext.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
            return inner.ExecuteAsync(httpContext);
        }
    }
}

namespace BillingOrchestrator.Web.Auth;

/// <summary>Where a sign-in may send the browser next: a path on this site, escaped so it is a valid Location header.</summary>
public static class LocalReturnUrl
{
    private static readonly Uri Site = new("http://local.invalid/");

    /// <summary>
    /// <paramref name="returnUrl"/> as an escaped local path and query, or <c>/</c> for anything else: another site
    /// (an open redirect would hand the freshly signed-in user to it), a protocol-relative or backslash path, or text
    /// that is no URL at all. Non-ASCII and control characters are percent-encoded (a raw <c>é</c> in a Location header
    /// makes the server fail the response, and the sign-in with it).
    /// </summary>
    public static string Resolve(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || !returnUrl.StartsWith('/') || returnUrl.StartsWith("//", StringComparison.Ordinal) || returnUrl.StartsWith("/\\", StringComparison.Ordinal))
        {
            return "/";
        }

        return Uri.TryCreate(Site, returnUrl, out var target) && target.Host == Site.Host && target.Scheme == Site.Scheme
            ? target.PathAndQuery
            : "/";
    }
}

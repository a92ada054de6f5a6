using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using BillingOrchestrator.Integrations.ConnectWise.Json;
using BillingOrchestrator.Integrations.ConnectWise.Model;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Integrations.ConnectWise;

/// <summary>
/// Reads the ConnectWise PSA REST API (3.0). Sends <c>Authorization: Basic base64(companyId+publicKey:privateKey)</c> and
/// the <c>clientId</c> header, pages with <c>page</c>/<c>pageSize</c> and follows <c>Link: rel="next"</c> until it is absent.
/// Register with <see cref="DependencyInjection.AddConnectWise"/> so requests go through <see cref="ConnectWiseRetryHandler"/>.
/// Failures surface as <see cref="ConnectWiseApiException"/>.
/// </summary>
public sealed class ConnectWiseClient
{
    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    private readonly HttpClient http;
    private readonly ConnectWiseOptions options;
    private readonly Uri baseAddress;
    private readonly AuthenticationHeaderValue authorization;

    /// <exception cref="InvalidOperationException">The options are incomplete; the message lists every missing setting.</exception>
    public ConnectWiseClient(HttpClient http, IOptions<ConnectWiseOptions> options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        this.http = http;
        this.options = options.Value;
        var problems = this.options.Validate();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("ConnectWise is not configured: " + string.Join("; ", problems) + ".");
        }

        baseAddress = this.options.GetBaseAddress();
        authorization = new AuthenticationHeaderValue("Basic", this.options.BasicCredentials());
    }

    /// <summary>The API root requests go to.</summary>
    public Uri BaseAddress => baseAddress;

    public IAsyncEnumerable<Company> GetCompaniesAsync(DateTimeOffset? updatedSince = null, CancellationToken cancellationToken = default) =>
        ListAsync<Company>(ConnectWiseEndpoints.Companies, Since(updatedSince), cancellationToken);

    public IAsyncEnumerable<Member> GetMembersAsync(DateTimeOffset? updatedSince = null, CancellationToken cancellationToken = default) =>
        ListAsync<Member>(ConnectWiseEndpoints.Members, Since(updatedSince), cancellationToken);

    public IAsyncEnumerable<WorkType> GetWorkTypesAsync(DateTimeOffset? updatedSince = null, CancellationToken cancellationToken = default) =>
        ListAsync<WorkType>(ConnectWiseEndpoints.WorkTypes, Since(updatedSince), cancellationToken);

    public IAsyncEnumerable<WorkRole> GetWorkRolesAsync(DateTimeOffset? updatedSince = null, CancellationToken cancellationToken = default) =>
        ListAsync<WorkRole>(ConnectWiseEndpoints.WorkRoles, Since(updatedSince), cancellationToken);

    public IAsyncEnumerable<AgreementType> GetAgreementTypesAsync(DateTimeOffset? updatedSince = null, CancellationToken cancellationToken = default) =>
        ListAsync<AgreementType>(ConnectWiseEndpoints.AgreementTypes, Since(updatedSince), cancellationToken);

    /// <summary>All agreements, or with <paramref name="updatedSince"/> only those changed after it (<c>conditions=lastUpdated&gt;[...]</c>).</summary>
    public IAsyncEnumerable<Agreement> GetAgreementsAsync(DateTimeOffset? updatedSince = null, CancellationToken cancellationToken = default) =>
        ListAsync<Agreement>(ConnectWiseEndpoints.Agreements, Since(updatedSince), cancellationToken);

    public IAsyncEnumerable<Ticket> GetTicketsAsync(DateTimeOffset? updatedSince = null, CancellationToken cancellationToken = default) =>
        ListAsync<Ticket>(ConnectWiseEndpoints.Tickets, Since(updatedSince), cancellationToken);

    public IAsyncEnumerable<TimeEntry> GetTimeEntriesAsync(DateTimeOffset? updatedSince = null, CancellationToken cancellationToken = default) =>
        ListAsync<TimeEntry>(ConnectWiseEndpoints.TimeEntries, Since(updatedSince), cancellationToken);

    public IAsyncEnumerable<Invoice> GetInvoicesAsync(DateTimeOffset? updatedSince = null, CancellationToken cancellationToken = default) =>
        ListAsync<Invoice>(ConnectWiseEndpoints.Invoices, Since(updatedSince), cancellationToken);

    /// <summary>The agreement's additions; each carries <see cref="AgreementAddition.AgreementId"/> even if the server left it out.</summary>
    public IAsyncEnumerable<AgreementAddition> GetAgreementAdditionsAsync(int agreementId, CancellationToken cancellationToken = default) =>
        ListAsync<AgreementAddition>(ConnectWiseEndpoints.AgreementAdditions(agreementId), null, cancellationToken)
            .Select(a => a.AgreementId == 0 ? a with { AgreementId = agreementId } : a);

    public IAsyncEnumerable<AgreementWorkTypeExclusion> GetAgreementWorkTypeExclusionsAsync(int agreementId, CancellationToken cancellationToken = default) =>
        ListAsync<AgreementWorkTypeExclusion>(ConnectWiseEndpoints.AgreementWorkTypeExclusions(agreementId), null, cancellationToken)
            .Select(e => e.AgreementId == 0 ? e with { AgreementId = agreementId } : e);

    public IAsyncEnumerable<AgreementWorkRoleExclusion> GetAgreementWorkRoleExclusionsAsync(int agreementId, CancellationToken cancellationToken = default) =>
        ListAsync<AgreementWorkRoleExclusion>(ConnectWiseEndpoints.AgreementWorkRoleExclusions(agreementId), null, cancellationToken)
            .Select(e => e.AgreementId == 0 ? e with { AgreementId = agreementId } : e);

    public IAsyncEnumerable<AgreementWorkType> GetAgreementWorkTypesAsync(int agreementId, CancellationToken cancellationToken = default) =>
        ListAsync<AgreementWorkType>(ConnectWiseEndpoints.AgreementWorkTypes(agreementId), null, cancellationToken)
            .Select(w => w.AgreementId == 0 ? w with { AgreementId = agreementId } : w);

    public IAsyncEnumerable<AgreementWorkRole> GetAgreementWorkRolesAsync(int agreementId, CancellationToken cancellationToken = default) =>
        ListAsync<AgreementWorkRole>(ConnectWiseEndpoints.AgreementWorkRoles(agreementId), null, cancellationToken)
            .Select(w => w.AgreementId == 0 ? w with { AgreementId = agreementId } : w);

    /// <summary>
    /// Every record of <paramref name="endpoint"/> matching <paramref name="conditions"/> (unencoded ConnectWise syntax,
    /// see <see cref="ConnectWiseConditions"/>), page by page. The next page is the one the <c>Link</c> header's
    /// <c>rel="next"</c> names; its query is sent to this client's own base address, so credentials never follow a link
    /// to another host.
    /// </summary>
    public IAsyncEnumerable<T> ListAsync<T>(string endpoint, string? conditions = null, CancellationToken cancellationToken = default) =>
        ListAsync<T>(endpoint, conditions, orderBy: null, cancellationToken);

    /// <summary>
    /// As <see cref="ListAsync{T}(string, string, CancellationToken)"/>, sorted by <paramref name="orderBy"/> (for example
    /// <c>id asc</c>). A sort on a field that never changes keeps paging stable while records are edited; the parameter is
    /// sent with every page, also when a server's <c>Link</c> header leaves it out.
    /// </summary>
    public async IAsyncEnumerable<T> ListAsync<T>(string endpoint, string? conditions, string? orderBy, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        endpoint = Normalize(endpoint);
        var query = "pageSize=" + ConnectWiseConditions.Number(options.PageSize) + "&page=1";
        var sort = string.IsNullOrWhiteSpace(orderBy) ? null : "orderBy=" + Uri.EscapeDataString(orderBy.Trim());
        if (sort is not null)
        {
            query = sort + "&" + query;
        }

        if (!string.IsNullOrWhiteSpace(conditions))
        {
            query = "conditions=" + Uri.EscapeDataString(conditions) + "&" + query;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (query is not null)
        {
            seen.Add(query);
            List<T> page;
            string? next;
            using (var response = await SendAsync(endpoint, query, cancellationToken).ConfigureAwait(false))
            {
                page = await ReadAsync<List<T>>(response, endpoint, cancellationToken).ConfigureAwait(false);
                next = NextQuery(response, endpoint);
            }

            if (next is not null && sort is not null && !HasParameter(next, "orderBy"))
            {
                next = sort + "&" + next;
            }

            foreach (var item in page)
            {
                yield return item;
            }

            if (next is not null && seen.Contains(next))
            {
                throw new ConnectWiseApiException(
                    ConnectWiseErrorKind.MalformedResponse,
                    HttpStatusCode.OK,
                    endpoint,
                    $"ConnectWise paging for {endpoint} loops: the Link header's rel=\"next\" names a page already read");
            }

            query = next;
        }
    }

    /// <summary>One record or object, for example <c>finance/agreements/42</c>.</summary>
    public async Task<T> GetAsync<T>(string endpoint, CancellationToken cancellationToken = default)
    {
        endpoint = Normalize(endpoint);
        using var response = await SendAsync(endpoint, null, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, endpoint, cancellationToken).ConfigureAwait(false);
    }

    private static string? Since(DateTimeOffset? updatedSince) => updatedSince is { } since ? ConnectWiseConditions.UpdatedSince(since) : null;

    private static string Normalize(string endpoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        if (endpoint.Contains('?', StringComparison.Ordinal) || endpoint.Contains("://", StringComparison.Ordinal))
        {
            throw new ArgumentException("An endpoint is an API path such as finance/agreements, without host or query; pass conditions separately.", nameof(endpoint));
        }

        return endpoint.Trim().TrimStart('/');
    }

    private async Task<HttpResponseMessage> SendAsync(string endpoint, string? query, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, query is null ? endpoint : endpoint + "?" + query));
        request.Headers.Authorization = authorization;
        request.Headers.TryAddWithoutValidation("clientId", options.ClientId);
        request.Headers.Accept.Add(Json);
        request.Options.Set(ConnectWiseRequest.Endpoint, endpoint);
        var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var attempts = request.Options.TryGetValue(ConnectWiseRequest.Attempts, out var count) ? count : 1;
            throw await ConnectWiseErrors.FromResponseAsync(response, endpoint, attempts, options, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<TResult> ReadAsync<TResult>(HttpResponseMessage response, string endpoint, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return await JsonSerializer.DeserializeAsync<TResult>(stream, ConnectWiseJson.Options, cancellationToken).ConfigureAwait(false)
                ?? throw new JsonException("the body is null");
        }
        catch (JsonException ex)
        {
            throw ConnectWiseApiException.Malformed(endpoint, response, ex);
        }
    }

    private static bool HasParameter(string query, string name) =>
        query.Split('&').Any(p => p.StartsWith(name + "=", StringComparison.OrdinalIgnoreCase));

    private string? NextQuery(HttpResponseMessage response, string endpoint)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        var next = LinkHeader.Find(values, "next");
        if (next is null)
        {
            return null;
        }

        if (!Uri.TryCreate(new Uri(baseAddress, endpoint), next, out var uri) || uri.Query.Length <= 1)
        {
            throw new ConnectWiseApiException(
                ConnectWiseErrorKind.MalformedResponse,
                response.StatusCode,
                endpoint,
                $"ConnectWise sent a Link rel=\"next\" for {endpoint} without a page query");
        }

        return uri.Query[1..];
    }
}

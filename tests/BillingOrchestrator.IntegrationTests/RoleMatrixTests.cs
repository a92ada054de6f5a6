using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using BillingOrchestrator.Testing;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>
/// Who may call what, written down once: every endpoint the host maps, every role and an anonymous caller, compared
/// with what the host actually answers. A new endpoint fails the first test until it is given a row here.
/// </summary>
public sealed partial class RoleMatrixTests(SqliteProductHost host) : IClassFixture<SqliteProductHost>
{
    // F FinanceLead, S ServiceManager, P PsaAdmin, A Auditor, D Admin; "*" anyone, signed in or not.
    private const string Everyone = "*";
    private const string AnyRole = "FSPAD";
    private const string Owners = "FSPD";
    private const string AdminOnly = "D";
    private const string AuditReaders = "AD";
    private const string CatalogEditors = "FD";
    private const string PsaOperators = "PD";
    private const string ExceptionApprovers = "FSD";
    private const string BatchReleasers = "FD";
    private const string EscalationEditors = "FD";
    private const string OperationsReaders = "FAD";
    private const string StaticFiles = "{static files}";

    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["GET /login"] = Everyone,
        ["POST /api/auth/token"] = Everyone,
        ["POST /api/auth/login"] = Everyone,
        ["POST /api/auth/refresh"] = Everyone,
        ["POST /api/auth/logout"] = AnyRole,
        ["GET /api/auth/me"] = AnyRole,
        ["GET /api/auth/antiforgery"] = AnyRole,
        ["GET /openapi/{documentName}.json"] = AnyRole,
        ["GET /scalar/{documentName?}"] = AnyRole,
        // The API reference's own script and icon: library files, no data.
        ["GET /scalar/scalar.js"] = Everyone,
        ["GET /scalar/scalar.aspnetcore.js"] = Everyone,
        ["GET /scalar/favicon.svg"] = Everyone,
        ["GET /"] = AnyRole,
        ["GET /health/live"] = Everyone,
        ["GET /health/ready"] = Everyone,

        // The web UI: pages answer GET, and POST for their forms (antiforgery-checked after authorization).
        ["POST /"] = AnyRole,
        ["POST /login"] = Everyone,
        ["GET /logout"] = Everyone,
        ["POST /logout"] = Everyone,
        ["GET /not-allowed"] = Everyone,
        ["POST /not-allowed"] = Everyone,
        ["GET /tasks"] = Owners,
        ["POST /tasks"] = Owners,
        ["GET /cycles"] = AnyRole,
        ["POST /cycles"] = AnyRole,
        ["GET /validation"] = AnyRole,
        ["POST /validation"] = AnyRole,
        ["GET /exceptions"] = AnyRole,
        ["POST /exceptions"] = AnyRole,
        ["GET /invoice-batches"] = AnyRole,
        ["POST /invoice-batches"] = AnyRole,
        ["GET /designer"] = AnyRole,
        ["POST /designer"] = AnyRole,
        ["GET /designer/{DefinitionId}"] = AnyRole,
        ["POST /designer/{DefinitionId}"] = AnyRole,
        ["GET /instances"] = AnyRole,
        ["POST /instances"] = AnyRole,
        ["GET /instances/{InstanceId}"] = AnyRole,
        ["POST /instances/{InstanceId}"] = AnyRole,
        ["GET /evidence"] = AnyRole,
        ["POST /evidence"] = AnyRole,
        ["GET /dashboards/leakage"] = AnyRole,
        ["POST /dashboards/leakage"] = AnyRole,
        ["GET /dashboards/kpis"] = AnyRole,
        ["POST /dashboards/kpis"] = AnyRole,
        ["GET /dashboards/governance"] = AnyRole,
        ["POST /dashboards/governance"] = AnyRole,
        ["GET /operations"] = OperationsReaders,
        ["POST /operations"] = OperationsReaders,
        // The interactive circuit (SignalR) carries a signed-in user's page.
        ["GET /_blazor"] = AnyRole,
        ["GET /_blazor/negotiate"] = AnyRole,
        ["GET /_blazor/disconnect/"] = AnyRole,
        ["GET /_blazor/initializers/"] = AnyRole,
        ["GET /_framework/opaque-redirect"] = AnyRole,
        // Scripts, styles and fonts of the UI (every fingerprinted and compressed variant is one row): library files, no data.
        ["GET " + StaticFiles] = Everyone,
        ["HEAD " + StaticFiles] = Everyone,

        ["GET /api/workflow-definitions/"] = AnyRole,
        ["GET /api/workflow-definitions/load-errors"] = AdminOnly,
        ["GET /api/workflow-definitions/{definitionId}"] = AnyRole,
        ["GET /api/workflow-definitions/{definitionId}/versions"] = AnyRole,
        ["POST /api/workflow-definitions/"] = AdminOnly,
        ["POST /api/workflow-definitions/{definitionId}/publish"] = AdminOnly,

        ["POST /api/workflow-instances/"] = Owners,
        ["GET /api/workflow-instances/"] = AnyRole,
        ["GET /api/workflow-instances/{id}"] = AnyRole,
        ["GET /api/workflow-instances/{id}/journal"] = AnyRole,
        ["GET /api/workflow-instances/{id}/incidents"] = AnyRole,
        ["GET /api/workflow-instances/{id}/bookmarks"] = AnyRole,
        ["POST /api/workflow-instances/{id}/cancel"] = AdminOnly,
        ["POST /api/workflow-instances/{id}/retry"] = AdminOnly,
        ["POST /api/workflow-instances/{id}/migrate"] = AdminOnly,
        ["POST /api/workflow-events"] = Owners,

        ["GET /api/tasks/"] = AnyRole,
        ["GET /api/tasks/{id}"] = AnyRole,
        ["POST /api/tasks/{id}/claim"] = Owners,
        ["POST /api/tasks/{id}/release"] = Owners,
        ["POST /api/tasks/{id}/assign"] = Owners,
        ["POST /api/tasks/{id}/complete"] = Owners,

        ["POST /api/workflow-instances/{id}/evidence"] = Owners,
        ["POST /api/workflow-instances/{id}/evidence/notes"] = Owners,
        ["POST /api/workflow-instances/{id}/evidence-pack"] = Owners,
        ["GET /api/workflow-instances/{id}/evidence"] = AnyRole,
        ["GET /api/workflow-instances/{id}/briefs"] = AnyRole,
        ["POST /api/workflow-instances/{id}/briefs"] = Owners,
        ["GET /api/workflow-instances/{id}/audit-pack"] = AnyRole,
        ["GET /api/evidence/{evidenceId}/content"] = AnyRole,
        ["GET /api/briefs/{briefId}"] = AnyRole,

        ["GET /api/audit/"] = AuditReaders,
        ["GET /api/audit/verify"] = AuditReaders,
        ["POST /api/audit/seals"] = AdminOnly,

        ["GET /api/catalog/agreement-types"] = AnyRole,
        ["GET /api/catalog/agreement-types/{id:int}"] = AnyRole,
        ["PUT /api/catalog/agreement-types/{id:int}"] = CatalogEditors,
        ["GET /api/catalog/agreements"] = AnyRole,
        ["GET /api/catalog/agreements/{id:int}"] = AnyRole,
        ["PUT /api/catalog/agreements/{id:int}/rules"] = CatalogEditors,
        ["GET /api/catalog/completeness"] = AnyRole,
        ["GET /api/coding-standards/"] = AnyRole,
        ["PUT /api/coding-standards/"] = CatalogEditors,
        ["GET /api/time-entries/classification"] = AnyRole,

        ["POST /api/psa/sync"] = PsaOperators,
        ["POST /api/psa/import"] = PsaOperators,
        ["POST /api/psa/import-csv"] = PsaOperators,
        ["GET /api/psa/syncs"] = AnyRole,
        ["GET /api/psa/counts"] = AnyRole,

        ["POST /api/validation-runs/"] = Owners,
        ["GET /api/validation-runs/"] = AnyRole,
        ["GET /api/validation-runs/{id}"] = AnyRole,
        ["GET /api/validation-runs/{id}/findings"] = AnyRole,

        ["GET /api/exceptions/"] = AnyRole,
        ["GET /api/exceptions/{id}"] = AnyRole,
        ["POST /api/exceptions/{id}/disposition"] = ExceptionApprovers,
        ["POST /api/exceptions/{id}/confirm"] = ExceptionApprovers,
        ["GET /api/invoice-batches/"] = AnyRole,
        ["GET /api/invoice-batches/{id}"] = AnyRole,
        ["POST /api/invoice-batches/{id}/release"] = BatchReleasers,
        ["GET /api/invoice-batches/{id}/export/{format}"] = AnyRole,
        ["GET /api/invoice-batches/{id}/write-off-journal.csv"] = AnyRole,
        ["GET /api/control-samples"] = AnyRole,

        ["GET /api/assets/runbook.md"] = AnyRole,
        ["GET /api/assets/runbook.pdf"] = AnyRole,
        ["GET /api/assets/kpi-register.xlsx"] = AnyRole,
        ["GET /api/assets/executive-brief.pdf"] = AnyRole,
        ["GET /api/assets/proof-brief.pdf"] = AnyRole,
        ["POST /api/workflow-instances/{id}/assets/{asset}"] = Owners,

        ["GET /api/rollout/pilot/"] = AnyRole,
        ["GET /api/rollout/pilot/labels"] = AnyRole,
        ["POST /api/rollout/pilot/labels"] = Owners,
        ["GET /api/rollout/pilot/false-negatives"] = AnyRole,
        ["POST /api/rollout/pilot/false-negatives"] = Owners,
        ["GET /api/rollout/pilot/overrides"] = AnyRole,
        ["POST /api/rollout/pilot/overrides"] = Owners,
        ["POST /api/workflow-instances/{id}/publish"] = Owners,
        ["GET /api/publications/"] = AnyRole,
        ["GET /api/publications/{publicationId}"] = AnyRole,

        ["GET /api/schedules/"] = AnyRole,
        ["PUT /api/schedules/{definitionId}"] = AdminOnly,
        ["GET /api/escalation-paths/"] = AnyRole,
        ["PUT /api/escalation-paths/"] = EscalationEditors,
        ["GET /api/escalations"] = AnyRole,
        ["GET /api/notifications"] = AnyRole,
        ["GET /api/operations/health-summary"] = OperationsReaders,

        ["GET /api/kpis/"] = AnyRole,
        ["GET /api/kpis/baseline"] = AnyRole,
        ["POST /api/kpis/baseline"] = CatalogEditors,
        ["POST /api/kpis/weekly"] = Owners,
        ["GET /api/kpis/series"] = AnyRole,

        ["GET /api/dashboards/leakage/"] = AnyRole,
        ["GET /api/dashboards/leakage/pdf"] = AnyRole,
        ["GET /api/dashboards/leakage/entries"] = AnyRole,

        ["POST /api/governance/reviews/"] = Owners,
        ["GET /api/governance/reviews/"] = AnyRole,
        ["GET /api/governance/reviews/{id}"] = AnyRole,
        ["POST /api/governance/reviews/{id}/recommendations/{recommendationId}/decision"] = CatalogEditors,

        // The Power BI feed and exports: every role, and API keys in the FeedReader role (FeedTests).
        ["GET /odata"] = AnyRole,
        ["GET /odata/$metadata"] = AnyRole,
        ["GET /odata/Agreements"] = AnyRole,
        ["GET /odata/Agreements/$count"] = AnyRole,
        ["GET /odata/Exceptions"] = AnyRole,
        ["GET /odata/Exceptions/$count"] = AnyRole,
        ["GET /odata/Findings"] = AnyRole,
        ["GET /odata/Findings/$count"] = AnyRole,
        ["GET /odata/KpiSeries"] = AnyRole,
        ["GET /odata/KpiSeries/$count"] = AnyRole,
        ["GET /odata/LeakageFacts"] = AnyRole,
        ["GET /odata/LeakageFacts/$count"] = AnyRole,
        ["GET /odata/TimeEntries"] = AnyRole,
        ["GET /odata/TimeEntries/$count"] = AnyRole,
        ["GET /api/exports/{set}.{format}"] = AnyRole,
        ["POST /api/api-keys/"] = AdminOnly,
        ["GET /api/api-keys/"] = AdminOnly,
        ["DELETE /api/api-keys/{id}"] = AdminOnly,
    };

    private static readonly (char Letter, string? Email)[] Callers =
    [
        ('F', "finance@demo.local"), ('S', "service@demo.local"), ('P', "psa-admin@demo.local"), ('A', "auditor@demo.local"), ('D', "admin@demo.local"), ('-', null),
    ];

    [Fact]
    public void EveryMappedEndpoint_HasARowInTheTable_AndEveryRowIsMapped()
    {
        var mapped = MappedEndpoints();

        mapped.Except(Expected.Keys).Order(StringComparer.Ordinal).ShouldBeEmpty("endpoints without a row in the role matrix");
        Expected.Keys.Except(mapped).Order(StringComparer.Ordinal).ShouldBeEmpty("rows for endpoints the host does not map");
    }

    [Fact]
    public async Task EveryEndpoint_LetsInExactlyTheRolesInTheTable()
    {
        host.ClientOptions.AllowAutoRedirect = false;
        var clients = new Dictionary<char, HttpClient>();
        foreach (var (letter, email) in Callers)
        {
            clients[letter] = email is null ? host.CreateClient() : await host.ClientForAsync(email);
        }

        var forms = FormEndpoints();
        var wrong = new List<string>();
        // Signing out ends every session of the user, the bearer tokens used here included: those rows go last.
        foreach (var (endpoint, allowed) in Expected.OrderBy(e => e.Key.EndsWith("/logout", StringComparison.Ordinal)).ThenBy(e => e.Key, StringComparer.Ordinal))
        {
            var (method, pattern) = (endpoint[..endpoint.IndexOf(' ')], endpoint[(endpoint.IndexOf(' ') + 1)..]);
            var path = pattern == StaticFiles ? "/app.css" : RouteParameter().Replace(pattern, "x1").Replace("x1:int", "1").Replace("/x1.json", "/v1.json");
            path = IntParameter().Replace(path, "1");
            foreach (var (letter, _) in Callers)
            {
                // A body of the kind the endpoint accepts, so routing does not answer 415 before authorization is asked.
                HttpContent? body = method is not ("POST" or "PUT") ? null : forms.Contains(endpoint) ? new MultipartFormDataContent() : JsonContent.Create(new { });
                var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body };
                var response = await clients[letter].SendAsync(request);
                var status = response.StatusCode;
                var toSignIn = status == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/login", StringComparison.Ordinal) == true;
                var refused = status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || toSignIn;
                var shouldPass = allowed == Everyone || allowed.Contains(letter);
                if (refused == shouldPass)
                {
                    wrong.Add($"{endpoint} as {letter}: {(int)status}, expected {(shouldPass ? "allowed" : "refused")}");
                }
                else if (refused && letter == '-' && status == HttpStatusCode.Forbidden)
                {
                    wrong.Add($"{endpoint} anonymous: 403, expected 401 or the sign-in page");
                }
            }
        }

        wrong.ShouldBeEmpty();
    }

    private HashSet<string> MappedEndpoints() => Keys(_ => true);

    private HashSet<string> FormEndpoints() =>
        Keys(e => e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.Any(t => t.StartsWith("multipart/form-data", StringComparison.Ordinal)) == true);

    private HashSet<string> Keys(Func<RouteEndpoint, bool> where) =>
        host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Where(where)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => $"{m} {Normalize(e.RoutePattern.RawText)}"))
            .ToHashSet(StringComparer.Ordinal);

    private static string Normalize(string? raw) =>
        raw is not null && (raw.Contains("{**path:file}", StringComparison.Ordinal) || (StaticFile().IsMatch(raw) && !raw.TrimStart('/').StartsWith("scalar/", StringComparison.Ordinal))) ? StaticFiles : "/" + (raw ?? "").TrimStart('/');

    [GeneratedRegex(@"\.(css|js|map|gz|br)$")]
    private static partial Regex StaticFile();

    [GeneratedRegex(@"\{[^}:]+\??\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"\{[^}]+:int\}")]
    private static partial Regex IntParameter();
}

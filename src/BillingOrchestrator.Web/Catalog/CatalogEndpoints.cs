using BillingOrchestrator.Billing;
using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Catalog;
using BillingOrchestrator.Billing.Coding;
using BillingOrchestrator.Billing.TimeEntries;
using BillingOrchestrator.Persistence.Billing;
using BillingOrchestrator.Web.Auth;
using BillingOrchestrator.Web.Endpoints;
using BillingOrchestrator.Web.Infrastructure;
using Mediator;

namespace BillingOrchestrator.Web.Catalog;

/// <summary>Playbook steps 1 and 2 over HTTP: the agreement catalog, the coding standard and the classification of time entries.</summary>
public static class CatalogEndpoints
{
    public sealed record AgreementRulesRequest(string? Owner, AgreementOverrideChange? Override);

    public sealed record CodingStandardRequest(DateOnly? EffectiveFrom, string? ChangeReason, IReadOnlyList<CodingRule>? Rules);

    public static IEndpointRouteBuilder MapCatalogEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/catalog").WithTags("Agreement catalog").RequireAuthorization(Policies.AnyRole);

        group.MapGet("/agreement-types", async (BillingDataStore data, CatalogStore catalogs, TimeProvider time, CancellationToken ct) =>
        {
            var catalog = await catalogs.LoadCatalogAsync(ct);
            var today = Today(time);
            return (await data.AllAsync<AgreementType>(EntityKind.AgreementType, ct))
                .Select(t => new { agreementType = t, currentRules = catalog.FindRuleSet(t.Id, today), versions = catalog.HistoryOf(t.Id).Count });
        });

        group.MapGet("/agreement-types/{id:int}", async (int id, BillingDataStore data, CatalogStore catalogs, CancellationToken ct) =>
        {
            var type = await data.FindAsync<AgreementType>(EntityKind.AgreementType, id, ct);
            return type is null
                ? Problems.NotFound($"Agreement type {id} is not in the PSA data.")
                : Results.Ok(new { agreementType = type, history = (await catalogs.LoadCatalogAsync(ct)).HistoryOf(id) });
        });

        group.MapPut("/agreement-types/{id:int}", async (int id, RuleSetChange change, HttpContext http, IMediator mediator, CancellationToken ct) =>
            await mediator.Send(new PublishRuleSet(id, change, http.User.ToActor()), ct))
            .RequireAuthorization(Policies.CatalogEditor);

        group.MapGet("/agreements", async (int? companyId, int? page, int? pageSize, BillingDataStore data, CatalogStore catalogs, SourceLinks links, TimeProvider time, CancellationToken ct) =>
        {
            var (p, size) = Query.Paging(page, pageSize);
            var catalog = await catalogs.LoadCatalogAsync(ct);
            var today = Today(time);
            var (items, total) = await data.PageAsync<Agreement>(EntityKind.Agreement, companyId, p, size, ct);
            return new PageResponse<AgreementSummary>(
                [.. items.Select(a => new AgreementSummary(a.Id, a.Name, a.CompanyId, a.TypeId, a.AgreementStatus, a.BillAmount, catalog.OwnerOf(a.Id), catalog.IsEnrolled(a.Id), catalog.Resolve(a, today) is not null, links.For(new SourceRef(EntityKind.Agreement, a.Id))))],
                p,
                size,
                total);
        });

        group.MapGet("/agreements/{id:int}", async (int id, DateOnly? asOf, BillingDataStore data, CatalogStore catalogs, SourceLinks links, TimeProvider time, CancellationToken ct) =>
        {
            var agreement = await data.FindAsync<Agreement>(EntityKind.Agreement, id, ct);
            return agreement is null
                ? Problems.NotFound($"Agreement {id} is not in the PSA data.")
                : Results.Ok(AgreementCatalogView.From(agreement, await catalogs.LoadCatalogAsync(ct), asOf ?? Today(time), links));
        });

        group.MapPut("/agreements/{id:int}/rules", async (int id, AgreementRulesRequest request, HttpContext http, IMediator mediator, CancellationToken ct) =>
            await mediator.Send(new SetAgreementRules(id, request.Owner, request.Override, http.User.ToActor()), ct))
            .RequireAuthorization(Policies.CatalogEditor);

        group.MapGet("/completeness", async (DateOnly? asOf, BillingDataStore data, CatalogStore catalogs, TimeProvider time, CancellationToken ct) =>
            CatalogCompletenessReport.Build(await data.AllAsync<Agreement>(EntityKind.Agreement, ct), await catalogs.LoadCatalogAsync(ct), asOf ?? Today(time)));

        var coding = app.MapGroup("/api/coding-standards").WithTags("Coding standards").RequireAuthorization(Policies.AnyRole);
        coding.MapGet("/", async (CatalogStore catalogs, CancellationToken ct) =>
            (await catalogs.CodingStandardVersionsAsync(ct)).Select(v => new { v.Version, v.ApprovedBy, v.ApprovedAt, standard = System.Text.Json.Nodes.JsonNode.Parse(v.DataJson) }));
        coding.MapPut("/", async (CodingStandardRequest request, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            var revised = await mediator.Send(new ReviseCodingStandard(request.EffectiveFrom, request.ChangeReason, request.Rules, http.User.ToActor()), ct);
            return new { revised.Version, revised.Rules };
        })
        .RequireAuthorization(Policies.CatalogEditor);

        app.MapGet("/api/time-entries/classification", async (int? agreementId, bool? miscodedOnly, int? page, int? pageSize, BillingDataStore data, CatalogStore catalogs, SourceLinks links, CancellationToken ct) =>
        {
            var (p, size) = Query.Paging(page, pageSize);
            var snapshot = await data.LoadSnapshotAsync(ct);
            var standard = await catalogs.LatestCodingStandardAsync(ct);
            if (snapshot is null || standard is null)
            {
                return Results.Problem("No PSA data or coding standard yet: sync ConnectWise or import an export first.", statusCode: StatusCodes.Status409Conflict, title: "Nothing to classify");
            }

            var classifier = new TimeEntryClassifier(standard, snapshot, await catalogs.LoadCatalogAsync(ct));
            var results = snapshot.TimeEntries
                .Where(e => agreementId is null || e.AgreementId == agreementId)
                .Select(e => (Entry: e, Result: classifier.Classify(e)))
                .Where(r => miscodedOnly != true || r.Result.IsMiscoded)
                .ToList();
            return Results.Ok(new PageResponse<object>(
                [.. results.Skip((p - 1) * size).Take(size).Select(r => (object)new { timeEntryId = r.Entry.Id, result = r.Result, sourceLink = links.For(new SourceRef(EntityKind.TimeEntry, r.Entry.Id)) })],
                p,
                size,
                results.Count));
        })
        .WithTags("Coding standards");

        return app;
    }

    private static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}

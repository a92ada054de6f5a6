using BillingOrchestrator.Billing;
using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Catalog;
using BillingOrchestrator.Billing.Coding;
using BillingOrchestrator.Persistence.Billing;
using BillingOrchestrator.Web.Commands;
using BillingOrchestrator.Workflows.Runtime;
using Mediator;

namespace BillingOrchestrator.Web.Catalog;

/// <summary>The fields of a rule-set change a person sends; the server numbers the version and records who approved it.</summary>
public sealed record RuleSetChange(
    DateOnly? EffectiveFrom,
    string? ChangeReason,
    Allowance? Included,
    bool? CoversTime,
    IReadOnlyList<int>? CoveredWorkTypeIds,
    IReadOnlyList<int>? ExcludedWorkTypeIds,
    IReadOnlyList<int>? CoveredWorkRoleIds,
    IReadOnlyList<int>? ExcludedWorkRoleIds,
    OverageTrigger? Overage,
    SpecialRates? Rates);

/// <summary>Publishes the next version of an agreement type's billing rules, approved by the sender.</summary>
public sealed record PublishRuleSet(int AgreementTypeId, RuleSetChange Change, WorkflowActor Actor) : ICommand<BillingRuleSet>, IAuditedCommand
{
    public string AuditAction => "catalog.publish-rule-set";

    public string? AuditSubject => $"agreement-type:{AgreementTypeId}";

    public IEnumerable<(string Field, string Reason)> Validate()
    {
        if (Change.EffectiveFrom is null)
        {
            yield return ("effectiveFrom", "required: the first day the new rules apply");
        }

        if (Change.Overage is null)
        {
            yield return ("overage", "required: the overage threshold percent and action (BillAtOverageRate, Warn or Block)");
        }
    }
}

public sealed class PublishRuleSetHandler(CatalogStore catalogs, BillingDataStore data, TimeProvider time) : ICommandHandler<PublishRuleSet, BillingRuleSet>
{
    public async ValueTask<BillingRuleSet> Handle(PublishRuleSet command, CancellationToken cancellationToken)
    {
        _ = await data.FindAsync<AgreementType>(EntityKind.AgreementType, command.AgreementTypeId, cancellationToken)
            ?? throw new WorkflowNotFoundException($"Agreement type {command.AgreementTypeId} is not in the PSA data.");
        var catalog = await catalogs.LoadCatalogAsync(cancellationToken);
        var change = command.Change;
        var ruleSet = new BillingRuleSet
        {
            AgreementTypeId = command.AgreementTypeId,
            Version = new RuleVersion
            {
                Number = catalog.HistoryOf(command.AgreementTypeId).Count + 1,
                EffectiveFrom = change.EffectiveFrom!.Value,
                ApprovedBy = command.Actor.Name,
                ApprovedAt = time.GetUtcNow(),
                ChangeReason = change.ChangeReason ?? "",
            },
            Included = change.Included,
            CoversTime = change.CoversTime ?? true,
            CoveredWorkTypeIds = change.CoveredWorkTypeIds ?? [],
            ExcludedWorkTypeIds = change.ExcludedWorkTypeIds ?? [],
            CoveredWorkRoleIds = change.CoveredWorkRoleIds ?? [],
            ExcludedWorkRoleIds = change.ExcludedWorkRoleIds ?? [],
            Overage = change.Overage!,
            Rates = change.Rates ?? SpecialRates.Standard,
        };
        CatalogProblems.ThrowIfAny(catalog.Publish(ruleSet));
        await catalogs.SaveRuleSetsAsync(catalog, command.AgreementTypeId, cancellationToken);
        return ruleSet;
    }
}

/// <summary>Enrols an agreement with its accountable owner and, optionally, publishes its next rule override.</summary>
public sealed record SetAgreementRules(int AgreementId, string? Owner, AgreementOverrideChange? Override, WorkflowActor Actor) : ICommand<AgreementCatalogView>, IAuditedCommand
{
    public string AuditAction => "catalog.set-agreement-rules";

    public string? AuditSubject => $"agreement:{AgreementId}";
}

public sealed record AgreementOverrideChange(
    DateOnly? EffectiveFrom,
    string? ChangeReason,
    Allowance? Included,
    bool? CoversTime,
    IReadOnlyList<int>? ExcludeWorkTypeIds,
    IReadOnlyList<int>? IncludeWorkTypeIds,
    IReadOnlyList<int>? ExcludeWorkRoleIds,
    IReadOnlyList<int>? IncludeWorkRoleIds,
    OverageTrigger? Overage,
    decimal? AfterHoursMultiplier,
    IReadOnlyDictionary<int, Money>? RoleRates);

public sealed class SetAgreementRulesHandler(CatalogStore catalogs, BillingDataStore data, SourceLinks links, TimeProvider time) : ICommandHandler<SetAgreementRules, AgreementCatalogView>
{
    public async ValueTask<AgreementCatalogView> Handle(SetAgreementRules command, CancellationToken cancellationToken)
    {
        var agreement = await data.FindAsync<Agreement>(EntityKind.Agreement, command.AgreementId, cancellationToken)
            ?? throw new WorkflowNotFoundException($"Agreement {command.AgreementId} is not in the PSA data.");
        var catalog = await catalogs.LoadCatalogAsync(cancellationToken);
        var owner = command.Owner ?? catalog.OwnerOf(agreement.Id);
        var problems = catalog.Enroll(AgreementIntake.FromAgreement(agreement, owner)).ToList();
        if (command.Override is { } change && problems.Count == 0)
        {
            var history = catalog.Overrides.Count(o => o.AgreementId == agreement.Id);
            problems.AddRange(catalog.Publish(new AgreementRuleOverride
            {
                AgreementId = agreement.Id,
                Version = new RuleVersion
                {
                    Number = history + 1,
                    EffectiveFrom = change.EffectiveFrom ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime),
                    ApprovedBy = command.Actor.Name,
                    ApprovedAt = time.GetUtcNow(),
                    ChangeReason = change.ChangeReason ?? "",
                },
                Included = change.Included,
                CoversTime = change.CoversTime,
                ExcludeWorkTypeIds = change.ExcludeWorkTypeIds ?? [],
                IncludeWorkTypeIds = change.IncludeWorkTypeIds ?? [],
                ExcludeWorkRoleIds = change.ExcludeWorkRoleIds ?? [],
                IncludeWorkRoleIds = change.IncludeWorkRoleIds ?? [],
                Overage = change.Overage,
                AfterHoursMultiplier = change.AfterHoursMultiplier,
                RoleRates = change.RoleRates ?? new Dictionary<int, Money>(),
            }).Select(p => p with { Field = "override." + p.Field }));
        }

        CatalogProblems.ThrowIfAny(problems);
        await catalogs.SaveOwnerAsync(agreement.Id, catalog.OwnerOf(agreement.Id)!, command.Actor.Name, cancellationToken);
        if (command.Override is not null)
        {
            await catalogs.SaveOverridesAsync(catalog, agreement.Id, cancellationToken);
        }

        return AgreementCatalogView.From(agreement, catalog, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), links);
    }
}

/// <summary>Publishes the next version of the time-entry coding standard.</summary>
public sealed record ReviseCodingStandard(DateOnly? EffectiveFrom, string? ChangeReason, IReadOnlyList<CodingRule>? Rules, WorkflowActor Actor) : ICommand<CodingStandard>, IAuditedCommand
{
    public string AuditAction => "coding-standards.revise";

    public string? AuditSubject => "coding-standard";

    public IEnumerable<(string Field, string Reason)> Validate()
    {
        if (EffectiveFrom is null)
        {
            yield return ("effectiveFrom", "required: the first day the revised standard applies");
        }

        if (Rules is not { Count: > 0 })
        {
            yield return ("rules", "required: the complete list of coding rules");
        }
    }
}

public sealed class ReviseCodingStandardHandler(CatalogStore catalogs, TimeProvider time) : ICommandHandler<ReviseCodingStandard, CodingStandard>
{
    public async ValueTask<CodingStandard> Handle(ReviseCodingStandard command, CancellationToken cancellationToken)
    {
        var current = await catalogs.LatestCodingStandardAsync(cancellationToken)
            ?? throw new WorkflowConflictException("No coding standard exists yet to revise.");
        var (revised, problems) = current.Revise(command.Rules!, command.EffectiveFrom!.Value, command.Actor.Name, time.GetUtcNow(), command.ChangeReason ?? "");
        CatalogProblems.ThrowIfAny(problems);
        await catalogs.SaveCodingStandardAsync(revised!, cancellationToken);
        return revised!;
    }
}

internal static class CatalogProblems
{
    public static void ThrowIfAny(IReadOnlyList<ValidationProblem> problems)
    {
        if (problems.Count > 0)
        {
            throw new WorkflowValidationException(problems.Select(p => (p.Field, p.Reason)).ToList());
        }
    }
}

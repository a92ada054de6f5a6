using BillingOrchestrator.Billing.Catalog;
using BillingOrchestrator.Billing.Coding;
using BillingOrchestrator.Billing.Serialization;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Persistence.Billing;

/// <summary>
/// The agreement catalog and the coding standards, stored version by version. A change is applied to the domain
/// catalog first (which validates it and names every problem) and only then written, in one transaction.
/// </summary>
public sealed class CatalogStore(BillingDbContext db, TimeProvider time)
{
    public async Task<AgreementCatalog> LoadCatalogAsync(CancellationToken cancellationToken)
    {
        var catalog = new AgreementCatalog();
        var ruleSets = await db.Set<CatalogRuleSetRow>().AsNoTracking().OrderBy(r => r.AgreementTypeId).ThenBy(r => r.Version).Select(r => r.DataJson).ToListAsync(cancellationToken);
        foreach (var json in ruleSets)
        {
            Restore(catalog.Publish(BillingJson.Deserialize<BillingRuleSet>(json)));
        }

        var overrides = await db.Set<CatalogOverrideRow>().AsNoTracking().OrderBy(r => r.AgreementId).ThenBy(r => r.Version).Select(r => r.DataJson).ToListAsync(cancellationToken);
        foreach (var json in overrides)
        {
            Restore(catalog.Publish(BillingJson.Deserialize<AgreementRuleOverride>(json)));
        }

        foreach (var owner in await db.Set<CatalogOwnerRow>().AsNoTracking().ToListAsync(cancellationToken))
        {
            catalog.RestoreOwner(owner.AgreementId, owner.Owner);
        }

        return catalog;
    }

    /// <summary>Writes every version of the rule-set history of <paramref name="agreementTypeId"/> as the catalog now holds it.</summary>
    public async Task SaveRuleSetsAsync(AgreementCatalog catalog, int agreementTypeId, CancellationToken cancellationToken)
    {
        var stored = await db.Set<CatalogRuleSetRow>().Where(r => r.AgreementTypeId == agreementTypeId).ToListAsync(cancellationToken);
        foreach (var ruleSet in catalog.HistoryOf(agreementTypeId))
        {
            var row = stored.FirstOrDefault(r => r.Version == ruleSet.Version.Number);
            if (row is null)
            {
                db.Add(new CatalogRuleSetRow
                {
                    AgreementTypeId = agreementTypeId,
                    Version = ruleSet.Version.Number,
                    EffectiveFrom = ruleSet.Version.EffectiveFrom,
                    EffectiveTo = ruleSet.Version.EffectiveTo,
                    ApprovedBy = ruleSet.Version.ApprovedBy,
                    ApprovedAt = ruleSet.Version.ApprovedAt,
                    DataJson = BillingJson.Serialize(ruleSet),
                });
            }
            else
            {
                row.EffectiveTo = ruleSet.Version.EffectiveTo;
                row.DataJson = BillingJson.Serialize(ruleSet);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SaveOverridesAsync(AgreementCatalog catalog, int agreementId, CancellationToken cancellationToken)
    {
        var stored = await db.Set<CatalogOverrideRow>().Where(r => r.AgreementId == agreementId).ToListAsync(cancellationToken);
        foreach (var rulesOverride in catalog.Overrides.Where(o => o.AgreementId == agreementId))
        {
            var row = stored.FirstOrDefault(r => r.Version == rulesOverride.Version.Number);
            if (row is null)
            {
                db.Add(new CatalogOverrideRow
                {
                    AgreementId = agreementId,
                    Version = rulesOverride.Version.Number,
                    EffectiveFrom = rulesOverride.Version.EffectiveFrom,
                    EffectiveTo = rulesOverride.Version.EffectiveTo,
                    ApprovedBy = rulesOverride.Version.ApprovedBy,
                    ApprovedAt = rulesOverride.Version.ApprovedAt,
                    DataJson = BillingJson.Serialize(rulesOverride),
                });
            }
            else
            {
                row.EffectiveTo = rulesOverride.Version.EffectiveTo;
                row.DataJson = BillingJson.Serialize(rulesOverride);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SaveOwnerAsync(int agreementId, string owner, string enrolledBy, CancellationToken cancellationToken)
    {
        var row = await db.Set<CatalogOwnerRow>().FirstOrDefaultAsync(o => o.AgreementId == agreementId, cancellationToken);
        if (row is null)
        {
            db.Add(new CatalogOwnerRow { AgreementId = agreementId, Owner = owner, EnrolledBy = enrolledBy, EnrolledAt = time.GetUtcNow() });
        }
        else
        {
            row.Owner = owner;
            row.EnrolledBy = enrolledBy;
            row.EnrolledAt = time.GetUtcNow();
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<CodingStandardRow>> CodingStandardVersionsAsync(CancellationToken cancellationToken) =>
        await db.Set<CodingStandardRow>().AsNoTracking().OrderByDescending(c => c.Version).ToListAsync(cancellationToken);

    public async Task SaveCodingStandardAsync(CodingStandard standard, CancellationToken cancellationToken)
    {
        db.Add(new CodingStandardRow
        {
            Version = standard.Version.Number,
            ApprovedBy = standard.Version.ApprovedBy,
            ApprovedAt = standard.Version.ApprovedAt,
            DataJson = BillingJson.Serialize(new StoredCodingStandard(standard.Version, standard.Rules)),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The latest coding standard, rebuilt through its own validation; null when none was saved yet.</summary>
    public async Task<CodingStandard?> LatestCodingStandardAsync(CancellationToken cancellationToken)
    {
        var latest = await db.Set<CodingStandardRow>().AsNoTracking().OrderByDescending(c => c.Version).FirstOrDefaultAsync(cancellationToken);
        if (latest is null)
        {
            return null;
        }

        var stored = BillingJson.Deserialize<StoredCodingStandard>(latest.DataJson);
        var (standard, problems) = CodingStandard.Create(stored.Version, stored.Rules);
        return standard ?? throw new InvalidOperationException($"Stored coding standard v{latest.Version} no longer validates: {string.Join("; ", problems)}");
    }

    private static void Restore(IReadOnlyList<BillingOrchestrator.Billing.ValidationProblem> problems)
    {
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The stored catalog does not replay: " + string.Join("; ", problems));
        }
    }

    /// <summary>The stored form of a coding standard: its version and rules.</summary>
    public sealed record StoredCodingStandard(RuleVersion Version, IReadOnlyList<CodingRule> Rules);
}

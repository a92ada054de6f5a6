using BillingOrchestrator.Billing;
using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Integrations.Import;
using Cw = BillingOrchestrator.Integrations.ConnectWise.Model;

namespace BillingOrchestrator.Integrations.ConnectWise.Mapping;

public static partial class ConnectWiseMapper
{
    /// <summary>
    /// An agreement with its sub-resources embedded (sorted by id, so the same data always gives the same agreement).
    /// <see cref="Agreement.LastUpdated"/> is the agreement's own <c>_info.lastUpdated</c>, which incremental sync compares.
    /// </summary>
    public static Agreement? MapAgreement(Cw.Agreement source, AgreementParts parts, string file, int row, ICollection<ImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(parts);
        var read = new FieldReader(file, row, problems);
        var agreement = new Agreement
        {
            Id = read.Id(source.Id),
            Name = read.Text(source.Name, "name"),
            TypeId = read.Reference(source.Type, "type"),
            CompanyId = read.Reference(source.Company, "company"),
            AgreementStatus = read.Enum<AgreementStatus>(source.AgreementStatus, "agreementStatus"),
            StartDate = read.Date(source.StartDate, "startDate"),
            EndDate = FieldReader.OptionalDate(source.EndDate),
            NoEndingDateFlag = source.NoEndingDateFlag ?? false,
            BillAmount = read.Money(source.BillAmount, "billAmount"),
            ApplicationUnits = read.OptionalEnum<ApplicationUnits>(source.ApplicationUnits, "applicationUnits"),
            ApplicationLimit = source.ApplicationLimit,
            ApplicationCycle = read.OptionalEnum<ApplicationCycle>(source.ApplicationCycle, "applicationCycle"),
            ApplicationUnlimitedFlag = source.ApplicationUnlimitedFlag ?? false,
            AllowOverruns = source.AllowOverruns ?? false,
            CarryOverUnused = source.CarryOverUnused ?? false,
            CoverAgreementTime = source.CoverAgreementTime ?? false,
            BillTime = read.Enum<BillableOption>(source.BillTime, "billTime"),
            WorkRoleId = read.OptionalReference(source.WorkRole, "workRole"),
            WorkTypeId = read.OptionalReference(source.WorkType, "workType"),
            LastUpdated = read.Required(source.Info?.LastUpdated, "_info.lastUpdated"),
            WorkTypes = [.. parts.WorkTypes.OrderBy(w => w.Id)],
            WorkRoles = [.. parts.WorkRoles.OrderBy(w => w.Id)],
            WorkTypeExclusions = [.. parts.WorkTypeExclusions.Distinct().Order()],
            WorkRoleExclusions = [.. parts.WorkRoleExclusions.Distinct().Order()],
            Additions = [.. parts.Additions.OrderBy(a => a.Id)],
        };
        if (source.StartDate is { } start && source.EndDate is { } end && end < start)
        {
            read.Problem("endDate", "is before startDate");
        }

        return read.Failed ? null : agreement;
    }

    /// <summary>
    /// A product on an agreement. The domain's <see cref="AgreementAddition.Quantity"/> is what the customer is billed
    /// for: ConnectWise's <c>quantity</c> less <c>lessIncluded</c>, so that <see cref="AgreementAddition.ExtPrice"/>
    /// equals ConnectWise's <c>extPrice</c>.
    /// </summary>
    public static AgreementAddition? MapAddition(Cw.AgreementAddition source, string file, int row, ICollection<ImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(source);
        var read = new FieldReader(file, row, problems);
        var quantity = read.Required(source.Quantity, "quantity") - (source.LessIncluded ?? 0m);
        if (quantity < 0)
        {
            read.Problem("lessIncluded", $"{source.LessIncluded} is more than the quantity {source.Quantity}");
        }

        var addition = new AgreementAddition
        {
            Id = read.Id(source.Id),
            AgreementId = read.Id(source.AgreementId, "agreementId"),
            Product = source.Product is null ? read.Text(null, "product") : read.Text(source.Product.Identifier, "product.identifier"),
            Quantity = quantity,
            UnitPrice = read.Money(source.UnitPrice, "unitPrice"),
            UnitCost = read.Money(source.UnitCost, "unitCost"),
            BillCustomer = read.Enum<BillableOption>(source.BillCustomer, "billCustomer"),
            EffectiveDate = FieldReader.OptionalDate(source.EffectiveDate),
            CancelledDate = FieldReader.OptionalDate(source.CancelledDate),
        };
        return read.Failed ? null : addition;
    }

    /// <summary>
    /// An agreement's rate for a work type. The domain keeps an overage rate as an amount: a <c>Custom</c> overage rate
    /// is that amount; one that leaves the rate as it is (<c>AdjAmount</c> 0, <c>Multiplier</c> 1) is no overage rate;
    /// any other adjustment cannot be held and is reported rather than dropped.
    /// </summary>
    public static AgreementWorkTypeRate? MapAgreementWorkType(Cw.AgreementWorkType source, string file, int row, ICollection<ImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(source);
        var read = new FieldReader(file, row, problems);
        var rate = new AgreementWorkTypeRate
        {
            Id = read.Id(source.Id),
            WorkTypeId = read.Reference(source.WorkType, "workType"),
            Rate = read.Required(source.Rate, "rate"),
            RateType = read.Enum<RateType>(source.RateType, "rateType"),
            BillTime = read.OptionalEnum<BillableOption>(source.BillTime, "billTime"),
            OverageRate = OverageRate(source, read),
        };
        return read.Failed ? null : rate;
    }

    public static AgreementWorkRoleRate? MapAgreementWorkRole(Cw.AgreementWorkRole source, string file, int row, ICollection<ImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(source);
        var read = new FieldReader(file, row, problems);
        var rate = new AgreementWorkRoleRate
        {
            Id = read.Id(source.Id),
            WorkRoleId = read.Reference(source.WorkRole, "workRole"),
            Rate = read.Required(source.Rate, "rate"),
            RateType = read.Enum<RateType>(source.RateType, "rateType"),
        };
        return read.Failed ? null : rate;
    }

    /// <summary>The excluded work type's id.</summary>
    public static int? MapWorkTypeExclusion(Cw.AgreementWorkTypeExclusion source, string file, int row, ICollection<ImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(source);
        var read = new FieldReader(file, row, problems);
        var workTypeId = read.Reference(source.WorkType, "workType");
        return read.Failed ? null : workTypeId;
    }

    /// <summary>The excluded work role's id.</summary>
    public static int? MapWorkRoleExclusion(Cw.AgreementWorkRoleExclusion source, string file, int row, ICollection<ImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(source);
        var read = new FieldReader(file, row, problems);
        var workRoleId = read.Reference(source.WorkRole, "workRole");
        return read.Failed ? null : workRoleId;
    }

    /// <summary>Maps every sub-resource of one agreement; null when any of them has a problem (each is reported where it came from).</summary>
    internal static AgreementParts? MapParts(
        IEnumerable<Located<Cw.AgreementWorkType>> workTypes,
        IEnumerable<Located<Cw.AgreementWorkRole>> workRoles,
        IEnumerable<Located<Cw.AgreementWorkTypeExclusion>> workTypeExclusions,
        IEnumerable<Located<Cw.AgreementWorkRoleExclusion>> workRoleExclusions,
        IEnumerable<Located<Cw.AgreementAddition>> additions,
        ICollection<ImportProblem> problems)
    {
        var before = problems.Count;
        var parts = new AgreementParts
        {
            WorkTypes = [.. workTypes.Select(w => MapAgreementWorkType(w.Item, w.File, w.Row, problems)).OfType<AgreementWorkTypeRate>()],
            WorkRoles = [.. workRoles.Select(w => MapAgreementWorkRole(w.Item, w.File, w.Row, problems)).OfType<AgreementWorkRoleRate>()],
            WorkTypeExclusions = [.. workTypeExclusions.Select(e => MapWorkTypeExclusion(e.Item, e.File, e.Row, problems)).OfType<int>()],
            WorkRoleExclusions = [.. workRoleExclusions.Select(e => MapWorkRoleExclusion(e.Item, e.File, e.Row, problems)).OfType<int>()],
            Additions = [.. additions.Select(a => MapAddition(a.Item, a.File, a.Row, problems)).OfType<AgreementAddition>()],
        };
        return problems.Count > before ? null : parts;
    }

    private static Money? OverageRate(Cw.AgreementWorkType source, FieldReader read)
    {
        if (source.OverageRate is not { } overage)
        {
            return null;
        }

        var type = read.OptionalEnum<RateType>(source.OverageRateType, "overageRateType");
        if (type is null && !string.IsNullOrWhiteSpace(source.OverageRateType))
        {
            return null; // an unknown overageRateType, already reported
        }

        return (type, overage) switch
        {
            (RateType.Custom, _) => new Money(overage),
            (RateType.AdjAmount or null, 0m) or (RateType.Multiplier, 1m) => null,
            (null, _) => Unsupported("is required when overageRate is set", "overageRateType"),
            _ => Unsupported($"an overage rate of {type} {overage} cannot be held: the domain keeps an overage rate as an amount (Custom)", "overageRate"),
        };

        Money? Unsupported(string reason, string field)
        {
            read.Problem(field, reason);
            return null;
        }
    }
}

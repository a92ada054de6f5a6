using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Psa;

namespace BillingOrchestrator.Billing.Catalog;

/// <summary>
/// The fields an agreement must carry before it can enter the catalog. Everything is nullable because intake
/// data arrives incomplete (CSV, hand entry); <see cref="Validate"/> names every missing or invalid field at once.
/// </summary>
public sealed record AgreementIntake
{
    public int? AgreementId { get; init; }

    public string? Name { get; init; }

    public int? CompanyId { get; init; }

    public int? TypeId { get; init; }

    /// <summary>Email of the one named user accountable for the agreement's billing.</summary>
    public string? Owner { get; init; }

    public DateOnly? StartDate { get; init; }

    public DateOnly? EndDate { get; init; }

    public bool NoEndingDateFlag { get; init; }

    public ApplicationCycle? ApplicationCycle { get; init; }

    public ApplicationUnits? ApplicationUnits { get; init; }

    public decimal? ApplicationLimit { get; init; }

    public bool ApplicationUnlimitedFlag { get; init; }

    public Money? BillAmount { get; init; }

    public BillableOption? BillTime { get; init; }

    public static AgreementIntake FromAgreement(Agreement agreement, string? owner) => new()
    {
        AgreementId = agreement.Id > 0 ? agreement.Id : null,
        Name = agreement.Name,
        CompanyId = agreement.CompanyId > 0 ? agreement.CompanyId : null,
        TypeId = agreement.TypeId > 0 ? agreement.TypeId : null,
        Owner = owner,
        StartDate = agreement.StartDate == default ? null : agreement.StartDate,
        EndDate = agreement.EndDate,
        NoEndingDateFlag = agreement.NoEndingDateFlag,
        ApplicationCycle = agreement.ApplicationCycle,
        ApplicationUnits = agreement.ApplicationUnits,
        ApplicationLimit = agreement.ApplicationLimit,
        ApplicationUnlimitedFlag = agreement.ApplicationUnlimitedFlag,
        BillAmount = agreement.BillAmount,
        BillTime = agreement.BillTime,
    };

    /// <summary>Every missing or invalid field, as (field, reason) with ConnectWise field names; empty when the intake is complete.</summary>
    public IReadOnlyList<ValidationProblem> Validate()
    {
        var problems = new List<ValidationProblem>();
        Require(AgreementId is > 0, "id", "required: the ConnectWise agreement id", problems);
        Require(!string.IsNullOrWhiteSpace(Name), "name", "required", problems);
        Require(CompanyId is > 0, "company", "required: the customer the agreement bills", problems);
        Require(TypeId is > 0, "type", "required: the agreement type selects the billing rules", problems);
        if (string.IsNullOrWhiteSpace(Owner))
        {
            problems.Add(new("owner", "required: one named user accountable for the agreement"));
        }
        else if (!IsEmail(Owner))
        {
            problems.Add(new("owner", $"'{Owner}' is not an email address of a named user"));
        }

        Require(StartDate is not null, "startDate", "required", problems);
        if (EndDate is null && !NoEndingDateFlag)
        {
            problems.Add(new("endDate", "required unless noEndingDateFlag is set"));
        }
        else if (EndDate is not null && NoEndingDateFlag)
        {
            problems.Add(new("endDate", "must be empty when noEndingDateFlag is set"));
        }
        else if (EndDate is { } end && StartDate is { } start && end < start)
        {
            problems.Add(new("endDate", "must not be before startDate"));
        }

        Require(ApplicationCycle is not null, "applicationCycle", "required: the cycle the included quantity applies to", problems);
        if (!ApplicationUnlimitedFlag)
        {
            Require(ApplicationUnits is not null, "applicationUnits", "required unless applicationUnlimitedFlag is set", problems);
            Require(ApplicationLimit is > 0, "applicationLimit", "required and more than zero unless applicationUnlimitedFlag is set", problems);
        }

        if (BillAmount is not { } amount)
        {
            problems.Add(new("billAmount", "required"));
        }
        else if (amount < Money.Zero)
        {
            problems.Add(new("billAmount", "must not be negative"));
        }

        Require(BillTime is not null, "billTime", "required: how time on the agreement is charged", problems);
        return problems;
    }

    private static void Require(bool ok, string field, string reason, List<ValidationProblem> problems)
    {
        if (!ok)
        {
            problems.Add(new(field, reason));
        }
    }

    private static bool IsEmail(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at > 0
            && at == value.LastIndexOf('@')
            && value.IndexOf('.', at) > at + 1
            && !value.EndsWith('.')
            && !value.Any(char.IsWhiteSpace);
    }
}

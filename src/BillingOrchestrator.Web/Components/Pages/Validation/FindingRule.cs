using System.Globalization;
using System.Text.Json;
using BillingOrchestrator.Billing;
using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Serialization;
using BillingOrchestrator.Persistence.Billing;

namespace BillingOrchestrator.Web.Components.Pages.Validation;

/// <summary>What the validation page says about a finding: the rule that decided with its threshold, money and categories in words.</summary>
public static class FindingRule
{
    /// <summary>The check, and the run's threshold that made it a finding where the check has one.</summary>
    public static string Describe(string checkId, ValidationRunSummary run)
    {
        var o = run.Options;
        var threshold = checkId switch
        {
            LeakageChecks.TechnicianDayBelowSchedule => $"a day logged below {Number(o.TechnicianDayShortfallPercent)} % of the schedule",
            LeakageChecks.ClosedTicketWithoutTime => $"valued at {Number(o.MissingTimeHoursPerTicket)} h per ticket",
            LeakageChecks.OverlappingTime => $"overlap beyond {o.OverlapToleranceMinutes} min",
            LeakageChecks.ReadyToBillStale => $"ready to bill for more than {o.StaleAfterDays} days",
            LeakageChecks.RateDiffersFromAgreement or LeakageChecks.RoleRateNotApplied or LeakageChecks.AfterHoursRateNotApplied => $"rate tolerance {Number(o.RateTolerance)}",
            LeakageChecks.CodingStandardMismatch => $"coding standard v{run.CodingStandardVersion}",
            _ => null,
        };
        return threshold is null ? checkId : $"{checkId} ({threshold})";
    }

    /// <summary>The category as the findings API names it ("missing-time").</summary>
    public static string Category(LeakageKind kind) => JsonSerializer.Serialize(kind, BillingJson.Options).Trim('"');

    public static string Money(Money money) => Shared.MoneyText.Format(money.Amount);

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

using System.Text.Json.Serialization;

namespace BillingOrchestrator.Billing.Checks;

/// <summary>The kinds of billing leakage pre-invoice validation looks for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LeakageKind>))]
public enum LeakageKind
{
    /// <summary>Work done but never logged: closed tickets without time, short technician days, agreements with activity and no time.</summary>
    [JsonStringEnumMemberName("missing-time")]
    MissingTime,

    /// <summary>Time the agreement absorbed although it does not cover it.</summary>
    [JsonStringEnumMemberName("out-of-scope-labor")]
    OutOfScopeLabor,

    /// <summary>Time charged to the wrong agreement, or coded against the coding standard.</summary>
    [JsonStringEnumMemberName("agreement-mismatch")]
    AgreementMismatch,

    /// <summary>The same labour or product billed more than once.</summary>
    [JsonStringEnumMemberName("duplicate-charge")]
    DuplicateCharge,

    /// <summary>Included quantity used up in a cycle and the overage neither billed nor approved.</summary>
    [JsonStringEnumMemberName("unbilled-overage")]
    UnbilledOverage,

    /// <summary>An entry billed below the rate its rules require.</summary>
    [JsonStringEnumMemberName("rate-not-applied")]
    RateNotApplied,

    /// <summary>Billable time left unbilled too long, or written off without approval.</summary>
    [JsonStringEnumMemberName("stale-unbilled")]
    StaleUnbilled,

    /// <summary>The agreement or its additions changed but the agreement invoice did not.</summary>
    [JsonStringEnumMemberName("invoice-agreement-drift")]
    InvoiceAgreementDrift,
}

using System.Text.Json.Serialization;

namespace BillingOrchestrator.Billing.Checks;

/// <summary>What the check suggests doing with a finding; the service manager records the actual disposition.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SuggestedDisposition>))]
public enum SuggestedDisposition
{
    /// <summary>Bill the money at risk to the customer.</summary>
    Bill,

    /// <summary>Write the amount off, with an approval on record.</summary>
    WriteOff,

    /// <summary>Recode the entry (agreement, billable option, work type or role) as the rules say.</summary>
    Reclassify,

    /// <summary>Leave it covered by the agreement, as an approved exception.</summary>
    AcceptAsCovered,

    /// <summary>Correct the record in ConnectWise (log the missing time, remove the duplicate, credit the invoice).</summary>
    FixInPsa,
}

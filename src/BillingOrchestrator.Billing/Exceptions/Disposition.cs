using System.Text.Json.Serialization;

namespace BillingOrchestrator.Billing.Exceptions;

/// <summary>What is done about a billing exception before the invoice batch is released (playbook step 4).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Disposition>))]
public enum Disposition
{
    /// <summary>Put the money on the invoice.</summary>
    [JsonStringEnumMemberName("bill")]
    Bill,

    /// <summary>Do not bill it; the loss is accepted and listed for accounting.</summary>
    [JsonStringEnumMemberName("write-off")]
    WriteOff,

    /// <summary>The work belongs under another agreement or work type.</summary>
    [JsonStringEnumMemberName("reclassify")]
    Reclassify,

    /// <summary>The agreement covers it after all: nothing to bill.</summary>
    [JsonStringEnumMemberName("accept-as-covered")]
    AcceptAsCovered,

    /// <summary>The record is wrong in ConnectWise PSA and is corrected there.</summary>
    [JsonStringEnumMemberName("fix-in-psa")]
    FixInPsa,
}

public enum ExceptionStatus
{
    /// <summary>Waiting for a disposition from the routed role.</summary>
    Open,

    /// <summary>Dispositioned above the materiality threshold: a second, different person must confirm.</summary>
    AwaitingConfirmation,

    /// <summary>Final: the disposition stands.</summary>
    Closed,
}

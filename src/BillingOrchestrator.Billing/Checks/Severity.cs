using System.Text.Json.Serialization;

namespace BillingOrchestrator.Billing.Checks;

/// <summary>How urgently a finding needs a disposition before the invoice batch is released.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Severity>))]
public enum Severity
{
    /// <summary>Worth a look; rarely money on its own.</summary>
    Low,

    /// <summary>Money is likely lost or misbilled; disposition before release.</summary>
    Medium,

    /// <summary>Money is lost or billed to the wrong customer.</summary>
    High,

    /// <summary>The customer is, or will be, billed twice on an issued invoice.</summary>
    Critical,
}

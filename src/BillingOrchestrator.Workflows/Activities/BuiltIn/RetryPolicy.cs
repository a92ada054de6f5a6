using System.Text.Json.Nodes;
using BillingOrchestrator.Workflows.Definitions;

namespace BillingOrchestrator.Workflows.Activities.BuiltIn;

/// <summary>
/// How often a failing activity is tried and how long to wait between tries:
/// <c>"retry": { "maxAttempts": 3, "delay": "PT1S", "backoff": 2 }</c>. Without it an activity is tried once.
/// </summary>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan Delay, double Backoff)
{
    public static readonly RetryPolicy None = new(1, TimeSpan.Zero, 1);

    public static RetryPolicy For(ActivityDefinition activity)
    {
        if (activity.Inputs["retry"] is not JsonObject retry)
        {
            return None;
        }

        var max = retry["maxAttempts"] is JsonValue m && m.TryGetValue<int>(out var attempts) ? attempts : 3;
        var delay = retry["delay"] is JsonValue d && d.TryGetValue<string>(out var text) ? System.Xml.XmlConvert.ToTimeSpan(text) : TimeSpan.FromSeconds(1);
        var backoff = retry["backoff"] is JsonValue b && b.TryGetValue<double>(out var factor) ? factor : 2;
        return new RetryPolicy(max, delay, backoff);
    }

    public TimeSpan DelayBefore(int nextAttempt) => TimeSpan.FromTicks((long)(Delay.Ticks * Math.Pow(Backoff, Math.Max(0, nextAttempt - 2))));

    public static void Validate(ActivityDefinition activity, ActivityValidationContext context)
    {
        var node = activity.Inputs["retry"];
        if (node is null)
        {
            return;
        }

        if (node is not JsonObject retry)
        {
            context.Error("retry", "must be an object with maxAttempts, delay and backoff");
            return;
        }

        if (retry["maxAttempts"] is { } m && (m is not JsonValue mv || !mv.TryGetValue<int>(out var max) || max < 1 || max > 100))
        {
            context.Error("retry.maxAttempts", "must be a whole number from 1 to 100");
        }

        if (retry["backoff"] is { } b && (b is not JsonValue bv || !bv.TryGetValue<double>(out var factor) || factor < 1 || factor > 10))
        {
            context.Error("retry.backoff", "must be a number from 1 to 10");
        }

        if (retry["delay"] is { } d)
        {
            var text = d is JsonValue dv && dv.TryGetValue<string>(out var s) ? s : null;
            try
            {
                _ = System.Xml.XmlConvert.ToTimeSpan(text ?? "");
            }
            catch (FormatException)
            {
                context.Error("retry.delay", "must be an ISO 8601 duration such as PT1S");
            }
        }
    }
}

namespace BillingOrchestrator.IntegrationTests.Operations;

/// <summary>The real clock plus an offset a test moves forward, so "an hour later" takes no hour. Timers stay real.</summary>
public sealed class ShiftableClock : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
}

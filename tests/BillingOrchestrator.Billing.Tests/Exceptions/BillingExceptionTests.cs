using BillingOrchestrator.Billing.Exceptions;

namespace BillingOrchestrator.Billing.Tests.Exceptions;

public sealed class BillingExceptionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private static BillingException Exception(long cents) => new()
    {
        Id = "EX-1",
        InstanceId = "i",
        RunId = "r",
        FindingSequence = 1,
        CheckId = "missing-time.closed-ticket",
        Category = "missing-time",
        Severity = "High",
        CompanyId = 7,
        AmountCents = cents,
        Message = "closed ticket without time",
        RoutedRole = "ServiceManager",
        RoutedBy = "default role",
    };

    [Fact]
    public void Disposition_AtOrBelowMateriality_ClosesAtOnce()
    {
        var exception = Exception(50_000);

        exception.Decide(Disposition.Bill, "billable onsite work", "service@demo.local", 500m, Now);

        exception.Status.ShouldBe(ExceptionStatus.Closed);
        exception.History.Single().Kind.ShouldBe(ExceptionDecisionKind.Disposition);
    }

    [Fact]
    public void Disposition_AboveMateriality_RequiresSecondApprover()
    {
        var exception = Exception(50_001);
        exception.Decide(Disposition.WriteOff, "goodwill", "service@demo.local", 500m, Now);

        exception.Status.ShouldBe(ExceptionStatus.AwaitingConfirmation);
        Should.Throw<ExceptionStateException>(() => exception.Confirm(true, null, "SERVICE@demo.local", Now)).Message.ShouldContain("Two-person rule");
        exception.Confirm(true, "ok", "finance@demo.local", Now.AddMinutes(5));

        exception.Status.ShouldBe(ExceptionStatus.Closed);
        exception.ConfirmedBy.ShouldBe("finance@demo.local");
        exception.History.Select(h => h.Kind).ShouldBe([ExceptionDecisionKind.Disposition, ExceptionDecisionKind.Confirmation]);
    }

    [Fact]
    public void Rejection_ReopensTheException_AndAClosedOneIsFinal()
    {
        var exception = Exception(90_000);
        exception.Decide(Disposition.AcceptAsCovered, "covered by the block", "service@demo.local", 500m, Now);
        exception.Confirm(false, "not covered: after hours", "finance@demo.local", Now);
        exception.Status.ShouldBe(ExceptionStatus.Open);

        exception.Decide(Disposition.Bill, "after-hours premium", "service@demo.local", 500m, Now);
        exception.Confirm(true, null, "finance@demo.local", Now);

        Should.Throw<ExceptionStateException>(() => exception.Decide(Disposition.WriteOff, "changed my mind", "finance@demo.local", 500m, Now));
        exception.History.Count.ShouldBe(4);
        exception.Disposition.ShouldBe(Disposition.Bill);
    }

    [Fact]
    public void Routing_FirstMatchingRuleWins_ElseTheDefaultRole()
    {
        var routing = new ExceptionRouting
        {
            DefaultRole = "ServiceManager",
            Rules = [new() { Category = "duplicate-charge", Role = "FinanceLead" }, new() { CustomerOwner = "ann@msp.example", Role = "FinanceLead" }, new() { MinAmount = 2500m, Role = "FinanceLead" }],
        };

        routing.Route("duplicate-charge", null, 1m).ShouldBe(("FinanceLead", "rule 1: category duplicate-charge to FinanceLead"));
        routing.Route("missing-time", "ANN@msp.example", 1m).Role.ShouldBe("FinanceLead");
        routing.Route("missing-time", null, 2500m).Because.ShouldStartWith("rule 3");
        routing.Route("missing-time", "bob@msp.example", 2499.99m).ShouldBe(("ServiceManager", "default role"));
        routing.Problems(new HashSet<string> { "ServiceManager" }).Count().ShouldBe(3);
        routing.Problems(new HashSet<string> { "ServiceManager", "FinanceLead" }).ShouldBeEmpty();
    }

    [Fact]
    public void ControlSample_SameSeedSameSample_OtherSeedUsuallyAnother()
    {
        var population = Enumerable.Range(1, 40).Select(i => new SampledItem(i % 2 == 0 ? "override" : "write-off", $"ref-{i}", "x", "someone", null)).ToList();

        var first = ControlSample.Draw(population, 5, 42);
        var again = ControlSample.Draw([.. population.AsEnumerable().Reverse()], 5, 42);
        var other = ControlSample.Draw(population, 5, 43);

        first.Count.ShouldBe(5);
        again.ShouldBe(first);
        other.ShouldNotBe(first);
        ControlSample.Draw(population.Take(3).ToList(), 5, 42).Count.ShouldBe(3);
    }
}

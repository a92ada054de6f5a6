using BillingOrchestrator.Billing.Exceptions;

namespace BillingOrchestrator.Billing.Tests.Exceptions;

public sealed class ExceptionDueDatesTests
{
    private static readonly ExceptionDueDates DueDates = new()
    {
        DefaultDueIn = TimeSpan.FromDays(3),
        Rules =
        [
            new DueDateRule { MinAmount = 2500m, DueIn = TimeSpan.FromDays(1) },
            new DueDateRule { Category = "duplicate-charge", DueIn = TimeSpan.FromDays(2) },
        ],
    };

    [Theory]
    [InlineData("missing-time", 100, 3, "default due date")]
    [InlineData("missing-time", 2500, 1, "due-date rule 1")]
    [InlineData("duplicate-charge", 2499.99, 2, "due-date rule 2")]
    [InlineData("DUPLICATE-CHARGE", 9000, 1, "due-date rule 1")]
    public void DueIn_FirstMatchingRuleByCategoryAndAmount_ElseTheDefault(string category, double amount, int days, string because)
    {
        var (dueIn, why) = DueDates.For(category, (decimal)amount);

        dueIn.ShouldBe(TimeSpan.FromDays(days));
        why.ShouldBe(because);
    }

    [Fact]
    public void Problems_NameEveryNonPositiveDuration()
    {
        var bad = new ExceptionDueDates { DefaultDueIn = TimeSpan.Zero, Rules = [new DueDateRule { DueIn = TimeSpan.FromHours(-1) }] };

        bad.Problems().ShouldBe(["Exceptions:DueDates:DefaultDueIn must be positive", "Exceptions:DueDates:Rules:0:DueIn must be positive"]);
        DueDates.Problems().ShouldBeEmpty();
    }

    [Fact]
    public void Overdue_OnlyWhileOpenAndPastTheDueDate()
    {
        var now = new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
        var exception = new BillingException
        {
            Id = "EX-1",
            InstanceId = "i",
            RunId = "r",
            FindingSequence = 1,
            CheckId = "c",
            Category = "missing-time",
            Severity = "High",
            CompanyId = 7,
            AmountCents = 10_000,
            Message = "m",
            RoutedRole = "ServiceManager",
            RoutedBy = "default role",
            DueAt = now,
        };

        exception.IsOverdue(now.AddTicks(-1)).ShouldBeFalse();
        exception.IsOverdue(now).ShouldBeTrue();
        exception.Decide(Disposition.Bill, "billable", "service@demo.local", 500m, now);
        exception.IsOverdue(now.AddDays(1)).ShouldBeFalse();
    }
}

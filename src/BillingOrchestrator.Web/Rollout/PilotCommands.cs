using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Rollout;
using BillingOrchestrator.Billing.Serialization;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Persistence.Billing;
using BillingOrchestrator.Web.Commands;
using BillingOrchestrator.Workflows.Runtime;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Web.Rollout;

/// <summary>A reviewer labels one finding of the pilot run true or false positive, with the reason; labelling again replaces the label.</summary>
public sealed record LabelPilotFinding(string? InstanceId, int? FindingSequence, string? Verdict, string? Reason, WorkflowActor Actor)
    : ICommand<PilotLabelView>, IAuditedCommand
{
    public string AuditAction => "rollout.pilot.label";

    public string? AuditSubject => $"pilot:{InstanceId}:finding:{FindingSequence}";

    public PilotVerdict? ParsedVerdict => Verdict?.Trim().ToLowerInvariant() switch
    {
        "true-positive" => PilotVerdict.TruePositive,
        "false-positive" => PilotVerdict.FalsePositive,
        _ => null,
    };

    public IEnumerable<(string Field, string Reason)> Validate()
    {
        if (string.IsNullOrWhiteSpace(InstanceId))
        {
            yield return ("instanceId", "required: the rollout instance whose pilot is being reviewed");
        }

        if (FindingSequence is null or < 1)
        {
            yield return ("findingSequence", "required: the finding's sequence in the pilot run (1 or more)");
        }

        if (ParsedVerdict is null)
        {
            yield return ("verdict", "required: true-positive or false-positive");
        }

        foreach (var problem in PilotText.Check("reason", Reason, required: true))
        {
            yield return problem;
        }
    }
}

public sealed class LabelPilotFindingHandler(BillingDbContext db, PilotRuns pilots, TimeProvider time) : ICommandHandler<LabelPilotFinding, PilotLabelView>
{
    public async ValueTask<PilotLabelView> Handle(LabelPilotFinding command, CancellationToken cancellationToken)
    {
        var runId = await pilots.RunIdAsync(command.InstanceId!, cancellationToken);
        var sequence = command.FindingSequence!.Value;
        var row = await db.Set<ValidationFindingRow>().AsNoTracking().FirstOrDefaultAsync(f => f.RunId == runId && f.Sequence == sequence, cancellationToken)
            ?? throw new WorkflowValidationException("findingSequence", $"the pilot run {runId} has no finding {sequence}");
        var label = await db.Set<PilotLabel>().FirstOrDefaultAsync(l => l.InstanceId == command.InstanceId && l.RunId == runId && l.FindingSequence == sequence, cancellationToken);
        if (label is null)
        {
            var finding = BillingJson.Deserialize<Finding>(row.FindingJson);
            label = new PilotLabel
            {
                Id = Guid.CreateVersion7().ToString("N"),
                InstanceId = command.InstanceId!,
                RunId = runId,
                FindingSequence = sequence,
                CheckId = row.CheckId,
                Category = row.Category,
                AmountCents = (long)decimal.Round(finding.AmountAtRisk.Amount * 100m, MidpointRounding.ToEven),
            };
            db.Add(label);
        }

        label.Label(command.ParsedVerdict!.Value, command.Reason!, command.Actor.Name, time.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new WorkflowConflictException($"Finding {sequence} of the pilot was labelled by someone else at the same moment. Reload and try again.");
        }

        return PilotLabelView.From(label);
    }
}

/// <summary>A reviewer logs a leak the pilot's checks missed: what, how much, and where it can be seen.</summary>
public sealed record LogFalseNegative(string? InstanceId, string? Description, decimal? Amount, string? SourceLink, string? Category, int? CompanyId, WorkflowActor Actor)
    : ICommand<PilotFalseNegative>, IAuditedCommand
{
    public string AuditAction => "rollout.pilot.false-negative";

    public string? AuditSubject => $"pilot:{InstanceId}";

    public IEnumerable<(string Field, string Reason)> Validate()
    {
        if (string.IsNullOrWhiteSpace(InstanceId))
        {
            yield return ("instanceId", "required: the rollout instance whose pilot missed the leak");
        }

        foreach (var problem in PilotText.Check("description", Description, required: true))
        {
            yield return problem;
        }

        if (Amount is null or < 0)
        {
            yield return ("amount", "required: the money the missed leak is worth, 0 or more");
        }

        foreach (var problem in PilotText.CheckLink("sourceLink", SourceLink, required: true))
        {
            yield return problem;
        }

        if (Category is not null && !PilotText.Categories.Contains(Category))
        {
            yield return ("category", $"must be one of {string.Join(", ", PilotText.Categories)}");
        }
    }
}

public sealed class LogFalseNegativeHandler(BillingDbContext db, PilotRuns pilots, TimeProvider time) : ICommandHandler<LogFalseNegative, PilotFalseNegative>
{
    public async ValueTask<PilotFalseNegative> Handle(LogFalseNegative command, CancellationToken cancellationToken)
    {
        await pilots.RunIdAsync(command.InstanceId!, cancellationToken);
        var missed = new PilotFalseNegative
        {
            Id = Guid.CreateVersion7().ToString("N"),
            InstanceId = command.InstanceId!,
            Description = command.Description!.Trim(),
            Category = command.Category,
            CompanyId = command.CompanyId,
            AmountCents = (long)decimal.Round(command.Amount!.Value * 100m, MidpointRounding.ToEven),
            SourceLink = command.SourceLink!.Trim(),
            ReportedBy = command.Actor.Name,
            ReportedAt = time.GetUtcNow(),
        };
        db.Add(missed);
        await db.SaveChangesAsync(cancellationToken);
        return missed;
    }
}

/// <summary>Logs a manual override made during the pilot: what was overridden, what was done instead, and why.</summary>
public sealed record LogPilotOverride(string? InstanceId, string? Subject, string? Action, string? Reason, string? SourceLink, WorkflowActor Actor)
    : ICommand<PilotOverride>, IAuditedCommand
{
    public string AuditAction => "rollout.pilot.override";

    public string? AuditSubject => $"pilot:{InstanceId}";

    public IEnumerable<(string Field, string Reason)> Validate()
    {
        if (string.IsNullOrWhiteSpace(InstanceId))
        {
            yield return ("instanceId", "required: the rollout instance whose pilot the override belongs to");
        }

        foreach (var problem in PilotText.Check("subject", Subject, required: true)
            .Concat(PilotText.Check("action", Action, required: true))
            .Concat(PilotText.Check("reason", Reason, required: true))
            .Concat(PilotText.CheckLink("sourceLink", SourceLink, required: false)))
        {
            yield return problem;
        }
    }
}

public sealed class LogPilotOverrideHandler(BillingDbContext db, PilotRuns pilots, TimeProvider time) : ICommandHandler<LogPilotOverride, PilotOverride>
{
    public async ValueTask<PilotOverride> Handle(LogPilotOverride command, CancellationToken cancellationToken)
    {
        await pilots.RunIdAsync(command.InstanceId!, cancellationToken);
        var logged = new PilotOverride
        {
            Id = Guid.CreateVersion7().ToString("N"),
            InstanceId = command.InstanceId!,
            Subject = command.Subject!.Trim(),
            Action = command.Action!.Trim(),
            Reason = command.Reason!.Trim(),
            SourceLink = string.IsNullOrWhiteSpace(command.SourceLink) ? null : command.SourceLink.Trim(),
            OverriddenBy = command.Actor.Name,
            OverriddenAt = time.GetUtcNow(),
        };
        db.Add(logged);
        await db.SaveChangesAsync(cancellationToken);
        return logged;
    }
}

public sealed record PilotLabelView(string Id, string InstanceId, string RunId, int FindingSequence, string FindingLink, string CheckId, string Category, decimal Amount, PilotVerdict Verdict, string Reason, string Reviewer, DateTimeOffset LabelledAt, int Revision)
{
    public static PilotLabelView From(PilotLabel l) =>
        new(l.Id, l.InstanceId, l.RunId, l.FindingSequence, $"/api/validation-runs/{l.RunId}/findings#{l.FindingSequence}", l.CheckId, l.Category, l.AmountCents / 100m, l.Verdict, l.Reason, l.Reviewer, l.LabelledAt, l.Revision);
}

internal static class PilotText
{
    public static readonly string[] Categories =
        ["missing-time", "out-of-scope-labor", "agreement-mismatch", "duplicate-charge", "unbilled-overage", "rate-not-applied", "stale-unbilled", "invoice-agreement-drift"];

    public static IEnumerable<(string Field, string Reason)> Check(string field, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                yield return (field, "required");
            }
        }
        else if (value.Length > 2_000)
        {
            yield return (field, "at most 2,000 characters");
        }
    }

    // A source link is an absolute http(s) address (ConnectWise, a document) or one of the product's own /api paths.
    public static IEnumerable<(string Field, string Reason)> CheckLink(string field, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                yield return (field, "required: where the record can be seen (an https:// address or an /api/ path)");
            }
        }
        else if (!(value.StartsWith("/api/", StringComparison.Ordinal)
            || (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))) || value.Length > 2_000)
        {
            yield return (field, "must be an http(s) address or an /api/ path, at most 2,000 characters");
        }
    }
}

using BillingOrchestrator.Web.Auth;
using BillingOrchestrator.Web.Commands;
using BillingOrchestrator.Workflows.Runtime;
using Mediator;

namespace BillingOrchestrator.Web.Escalation;

/// <summary>Replaces every escalation path (the rollout's pre-flight documents them; the API edits them).</summary>
public sealed record SetEscalationPaths(IReadOnlyList<EscalationPathInput>? Paths, WorkflowActor Actor)
    : ICommand<IReadOnlyList<EscalationPathView>>, IAuditedCommand
{
    public string AuditAction => "escalation-paths.set";

    public string? AuditSubject => "escalation-paths";

    public IEnumerable<(string Field, string Reason)> Validate() => Check(Paths);

    public static IEnumerable<(string Field, string Reason)> Check(IReadOnlyList<EscalationPathInput?>? paths)
    {
        if (paths is null || paths.Count == 0)
        {
            yield return ("paths", "required: at least one path { role, escalationRole, notifyAfter, reassignAfter }");
            yield break;
        }

        var roles = string.Join(", ", Roles.All);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < paths.Count; i++)
        {
            var field = $"paths[{i}]";
            if (paths[i] is not { } path)
            {
                yield return (field, "required: a path object");
                continue;
            }

            if (!Roles.All.Contains(path.Role?.Trim(), StringComparer.Ordinal))
            {
                yield return ($"{field}.role", $"must be one of {roles}");
            }
            else if (!seen.Add(path.Role!.Trim()))
            {
                yield return ($"{field}.role", $"'{path.Role}' has a path already; give one path per role");
            }

            if (!Roles.All.Contains(path.EscalationRole?.Trim(), StringComparer.Ordinal))
            {
                yield return ($"{field}.escalationRole", $"must be one of {roles}");
            }
            else if (string.Equals(path.EscalationRole?.Trim(), path.Role?.Trim(), StringComparison.Ordinal))
            {
                yield return ($"{field}.escalationRole", "must differ from role: escalating to the same role changes nothing");
            }

            if (path.NotifyAfter is not null && (!Durations.TryParse(path.NotifyAfter, out var notify) || notify < TimeSpan.Zero))
            {
                yield return ($"{field}.notifyAfter", "must be a duration of 0 or more, such as PT0S, PT4H or P1D");
            }

            if (!Durations.TryParse(path.ReassignAfter, out var reassign) || reassign <= TimeSpan.Zero)
            {
                yield return ($"{field}.reassignAfter", "required: a positive duration such as PT4H or P1D");
            }
        }
    }
}

public sealed class SetEscalationPathsHandler(EscalationPaths paths) : ICommandHandler<SetEscalationPaths, IReadOnlyList<EscalationPathView>>
{
    public async ValueTask<IReadOnlyList<EscalationPathView>> Handle(SetEscalationPaths command, CancellationToken cancellationToken) =>
        await paths.ReplaceAsync(command.Paths!, command.Actor.Name, cancellationToken);
}

using System.Diagnostics.CodeAnalysis;

namespace BillingOrchestrator.Workflows.Actions;

/// <summary>The application actions workflows may call, by name.</summary>
public sealed class ActionRegistry
{
    private readonly Dictionary<string, IWorkflowAction> _actions = new(StringComparer.Ordinal);

    public ActionRegistry(IEnumerable<IWorkflowAction> actions)
    {
        foreach (var action in actions)
        {
            if (!_actions.TryAdd(action.Name, action))
            {
                throw new InvalidOperationException($"Workflow action '{action.Name}' is registered twice.");
            }
        }
    }

    public IEnumerable<string> Names => _actions.Keys.Order(StringComparer.Ordinal);

    public bool TryGet(string name, [NotNullWhen(true)] out IWorkflowAction? action) => _actions.TryGetValue(name, out action);
}

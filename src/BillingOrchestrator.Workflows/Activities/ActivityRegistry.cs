using System.Diagnostics.CodeAnalysis;

namespace BillingOrchestrator.Workflows.Activities;

/// <summary>Every activity type the engine knows, by its <see cref="IActivityHandler.Type"/> name.</summary>
public sealed class ActivityRegistry
{
    private readonly Dictionary<string, IActivityHandler> _handlers;

    public ActivityRegistry(IEnumerable<IActivityHandler> handlers)
    {
        _handlers = new Dictionary<string, IActivityHandler>(StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            if (!_handlers.TryAdd(handler.Type, handler))
            {
                throw new InvalidOperationException($"Activity type '{handler.Type}' is registered twice.");
            }
        }
    }

    public IEnumerable<string> Types => _handlers.Keys.Order(StringComparer.Ordinal);

    public bool TryGet(string type, [NotNullWhen(true)] out IActivityHandler? handler) => _handlers.TryGetValue(type, out handler);

    public IActivityHandler Get(string type) =>
        _handlers.TryGetValue(type, out var handler) ? handler : throw new KeyNotFoundException($"Unknown activity type '{type}'.");
}

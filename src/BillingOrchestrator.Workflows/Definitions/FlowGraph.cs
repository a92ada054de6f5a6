namespace BillingOrchestrator.Workflows.Definitions;

/// <summary>Reachability and strongly-connected-component checks over a flowchart's connections.</summary>
internal sealed class FlowGraph
{
    private readonly List<string> _nodes;
    private readonly Dictionary<string, List<string>> _edges;

    public FlowGraph(IEnumerable<string> nodes, IEnumerable<(string From, string To)> edges)
    {
        _nodes = nodes.ToList();
        _edges = _nodes.ToDictionary(n => n, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var (from, to) in edges)
        {
            if (_edges.TryGetValue(from, out var list) && _edges.ContainsKey(to))
            {
                list.Add(to);
            }
        }
    }

    public IReadOnlyList<string> UnreachableFrom(string start)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { start };
        var stack = new Stack<string>([start]);
        while (stack.TryPop(out var node))
        {
            foreach (var next in _edges[node].Where(seen.Add))
            {
                stack.Push(next);
            }
        }

        return _nodes.Where(n => !seen.Contains(n)).ToList();
    }

    /// <summary>Cycles (strongly connected components with an internal edge) that no path leaves: an instance entering one never finishes.</summary>
    public IEnumerable<IReadOnlyList<string>> CyclesWithoutExit()
    {
        foreach (var component in StronglyConnectedComponents())
        {
            var members = component.ToHashSet(StringComparer.Ordinal);
            var isCycle = component.Count > 1 || _edges[component[0]].Contains(component[0]);
            var hasExit = component.Any(n => _edges[n].Any(t => !members.Contains(t)));
            if (isCycle && !hasExit)
            {
                yield return component;
            }
        }
    }

    // Tarjan's algorithm, iterative so a long chain cannot overflow the stack.
    private List<List<string>> StronglyConnectedComponents()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var result = new List<List<string>>();
        var counter = 0;

        foreach (var start in _nodes.Where(n => !index.ContainsKey(n)))
        {
            var work = new Stack<(string Node, int Edge)>();
            work.Push((start, 0));
            while (work.Count > 0)
            {
                var (node, edge) = work.Pop();
                if (edge == 0)
                {
                    index[node] = low[node] = counter++;
                    stack.Push(node);
                    onStack.Add(node);
                }

                var edges = _edges[node];
                if (edge < edges.Count)
                {
                    work.Push((node, edge + 1));
                    var next = edges[edge];
                    if (!index.ContainsKey(next))
                    {
                        work.Push((next, 0));
                    }
                    else if (onStack.Contains(next))
                    {
                        low[node] = Math.Min(low[node], index[next]);
                    }

                    continue;
                }

                if (low[node] == index[node])
                {
                    var component = new List<string>();
                    string member;
                    do
                    {
                        member = stack.Pop();
                        onStack.Remove(member);
                        component.Add(member);
                    }
                    while (member != node);
                    component.Reverse();
                    result.Add(component);
                }

                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[node]);
                }
            }
        }

        return result;
    }
}

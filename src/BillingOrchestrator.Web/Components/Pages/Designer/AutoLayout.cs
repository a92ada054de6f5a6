using BillingOrchestrator.Workflows.Definitions;

namespace BillingOrchestrator.Web.Components.Pages.Designer;

/// <summary>
/// Places activities that have no stored position: left to right by their distance from the start (breadth first, so a
/// loop back does not push its target further right), top to bottom within a column in definition order.
/// </summary>
public static class AutoLayout
{
    public const double ColumnWidth = 240;
    public const double RowHeight = 120;

    /// <summary>Long chains wrap into bands of this many columns, so a 50-step definition fits a screen rather than a corridor.</summary>
    public const int ColumnsPerBand = 6;

    /// <summary>Returns how many activities were placed.</summary>
    public static int Apply(DesignerModel model)
    {
        var missing = model.Activities.Where(a => a.Position is null).ToList();
        if (missing.Count == 0)
        {
            return 0;
        }

        var depth = Depths(model);
        var rows = new Dictionary<int, int>();
        // Columns already holding placed activities keep their rows; new ones go below them.
        foreach (var placed in model.Activities.Where(a => a.Position is not null))
        {
            var column = (int)Math.Round(placed.Position!.X / ColumnWidth);
            rows[column] = Math.Max(rows.GetValueOrDefault(column), (int)Math.Round(placed.Position.Y / RowHeight) + 1);
        }

        var rowsPerBand = Math.Max(1, missing.GroupBy(a => depth.GetValueOrDefault(a.Id)).Max(g => g.Count())) + rows.Values.DefaultIfEmpty(0).Max();
        foreach (var activity in missing)
        {
            var column = depth.GetValueOrDefault(activity.Id);
            var row = rows.GetValueOrDefault(column);
            rows[column] = row + 1;
            var band = column / ColumnsPerBand;
            activity.Position = new DesignerPosition(column % ColumnsPerBand * ColumnWidth, ((band * (rowsPerBand + 1)) + row) * RowHeight);
        }

        return missing.Count;
    }

    private static Dictionary<string, int> Depths(DesignerModel model)
    {
        var targets = model.Connections.ToLookup(c => c.Source, c => c.Target);
        var hasIncoming = model.Connections.Select(c => c.Target).ToHashSet(StringComparer.Ordinal);
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        foreach (var root in model.Activities.Where(a => !hasIncoming.Contains(a.Id)))
        {
            depth[root.Id] = 0;
            queue.Enqueue(root.Id);
        }

        while (queue.Count > 0)
        {
            var id = queue.Dequeue();
            foreach (var target in targets[id].Where(t => !depth.ContainsKey(t)))
            {
                depth[target] = depth[id] + 1;
                queue.Enqueue(target);
            }
        }

        // Unreachable activities (a definition being edited can have them) go in a last column.
        var last = depth.Count == 0 ? 0 : depth.Values.Max() + 1;
        foreach (var activity in model.Activities.Where(a => !depth.ContainsKey(a.Id)))
        {
            depth[activity.Id] = last;
        }

        return depth;
    }
}

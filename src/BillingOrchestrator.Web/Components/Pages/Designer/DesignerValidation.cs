using System.Text.RegularExpressions;
using BillingOrchestrator.Workflows.Definitions;

namespace BillingOrchestrator.Web.Components.Pages.Designer;

/// <summary>The engine's own validation of the edited definition, with each error placed on the activity it concerns.</summary>
public sealed partial class DesignerValidation
{
    private DesignerValidation(IReadOnlyDictionary<string, IReadOnlyList<string>> byActivity, IReadOnlyList<string> general)
    {
        ByActivity = byActivity;
        General = general;
    }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> ByActivity { get; }

    /// <summary>Errors not about one activity (header fields, the graph as a whole).</summary>
    public IReadOnlyList<string> General { get; }

    public bool IsValid => ByActivity.Count == 0 && General.Count == 0;

    public IReadOnlyList<string> For(string activityId) => ByActivity.GetValueOrDefault(activityId) ?? [];

    public static DesignerValidation Run(DesignerModel model, WorkflowDefinitionParser parser) => From(model, parser.Parse(model.ToJson(), "designer").Errors);

    /// <summary>Maps <c>$.activities[i]…</c> and <c>$.connections[i]…</c> paths to activity ids (a connection's error goes on its source).</summary>
    public static DesignerValidation From(DesignerModel model, IReadOnlyList<DefinitionError> errors)
    {
        var byActivity = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var general = new List<string>();
        foreach (var error in errors)
        {
            var match = IndexedPath().Match(error.Path);
            string? activityId = null;
            if (match.Success)
            {
                var index = int.Parse(match.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
                activityId = match.Groups["list"].Value == "activities"
                    ? model.Activities.ElementAtOrDefault(index)?.Id
                    : model.Connections.ElementAtOrDefault(index)?.Source;
            }

            var field = match.Success ? match.Groups["rest"].Value.TrimStart('.') : error.Path;
            var message = string.IsNullOrEmpty(field) ? error.Message : $"{field}: {error.Message}";
            if (activityId is not null && model.Find(activityId) is not null)
            {
                (byActivity.TryGetValue(activityId, out var list) ? list : byActivity[activityId] = []).Add(message);
            }
            else
            {
                general.Add($"{error.Path}: {error.Message}");
            }
        }

        return new DesignerValidation(byActivity.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal), general);
    }

    [GeneratedRegex(@"^\$\.(?<list>activities|connections)\[(?<index>\d+)\](?<rest>.*)$")]
    private static partial Regex IndexedPath();
}

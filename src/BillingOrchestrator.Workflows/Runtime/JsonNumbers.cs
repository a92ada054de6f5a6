using System.Text.Json;
using System.Text.Json.Nodes;

namespace BillingOrchestrator.Workflows.Runtime;

/// <summary>
/// The numbers the engine can compute with. Every JSON number that comes in from outside (a start input, a task
/// completion's data, an event's payload) must fit a <see cref="decimal"/>, the type a Decision compares with. One that
/// does not (<c>1e400</c>, <c>-1e300</c>) is refused where it enters, naming its field, instead of faulting the first
/// activity that reads it.
/// </summary>
public static class JsonNumbers
{
    public const string OutOfRangeReason = "number out of range: the engine accepts numbers from -79228162514264337593543950335 to 79228162514264337593543950335 (decimal)";

    /// <summary>Every number in <paramref name="node"/> (at any depth) that does not fit a decimal, as (field path, reason).</summary>
    public static IEnumerable<(string Field, string Reason)> OutOfRange(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    foreach (var problem in OutOfRange(value, $"{path}.{name}"))
                    {
                        yield return problem;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var problem in OutOfRange(array[i], $"{path}[{i}]"))
                    {
                        yield return problem;
                    }
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number && !value.TryGetValue<decimal>(out _):
                yield return (path, OutOfRangeReason);
                break;
        }
    }

    /// <summary>Refuses <paramref name="node"/> with a 400 naming every out-of-range number in it.</summary>
    public static void Check(JsonNode? node, string path)
    {
        var problems = OutOfRange(node, path).ToList();
        if (problems.Count > 0)
        {
            throw new WorkflowValidationException(problems);
        }
    }
}

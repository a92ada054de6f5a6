using System.Text.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Workflows.Instances;

namespace BillingOrchestrator.Workflows.Tests;

public sealed class InstanceStateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static InstanceState Populated()
    {
        var state = new InstanceState();
        state.Variables["amount"] = 1200.5m;
        state.Variables["customer"] = new JsonObject { ["name"] = "Contoso", ["tags"] = new JsonArray("msp", "gold") };
        state.Variables["none"] = null;
        state.Scheduled.Add(new WorkItem("w1", "a1", 1, null));
        state.Scheduled.Add(new WorkItem("w2", "a2", 3, Now.AddMinutes(5)));
        state.Faulted.Add(new WorkItem("w3", "a3", 5, null));
        state.JoinArrivals["join"] = ["a1", "a4"];
        state.Bookmarks["b1"] = new BookmarkRef("t1", "w0", "Timer", Now.AddMinutes(2));
        state.Bookmarks["b2"] = new BookmarkRef("u1", "w9", "UserTask", null);
        state.Activities["a0"] = new ActivityProgress(2, "Done", Now);
        return state;
    }

    [Fact]
    public void StoredJson_IsWhatTheReflectionSerializerWithWebDefaultsWrites_AndReadsBack()
    {
        // The EF mapping (JsonColumn) reads and writes the same column with a reflection-based serializer and web defaults.
        var state = Populated();
        var reflection = JsonSerializer.Serialize(state, new JsonSerializerOptions(JsonSerializerDefaults.Web));

        var json = InstanceStateJson.Serialize(state);

        json.ShouldBe(reflection);
        InstanceStateJson.Serialize(InstanceStateJson.Deserialize(reflection)).ShouldBe(reflection);
    }

    [Fact]
    public void Clone_CopiesVariablesDeeply_AndCollectionsIndependently()
    {
        var state = Populated();

        var clone = state.Clone();
        clone.Variables["customer"]!.AsObject()["name"] = "Changed";
        clone.JoinArrivals["join"].Add("a5");
        clone.Scheduled.Clear();
        clone.Bookmarks.Remove("b1");
        clone.Activities["a9"] = new ActivityProgress(1, "Done", Now);

        InstanceStateJson.Serialize(state).ShouldBe(InstanceStateJson.Serialize(Populated()));
    }

    [Fact]
    public void RunnableWorkAndWakeTime_FollowScheduledItemsAndTimers()
    {
        var state = Populated();

        state.HasRunnableWork(Now).ShouldBeTrue();
        state.FirstRunnable(Now)!.Id.ShouldBe("w1");
        state.FirstDueTimer(Now).ShouldBeNull();
        state.NextWakeAt().ShouldBe(Now.AddMinutes(2));

        state.Scheduled.RemoveAt(0);
        state.HasRunnableWork(Now).ShouldBeFalse();
        state.HasRunnableWork(Now.AddMinutes(2)).ShouldBeTrue();
        state.FirstDueTimer(Now.AddMinutes(2)).ShouldBe("b1");
        state.FirstRunnable(Now.AddMinutes(5))!.Id.ShouldBe("w2");

        new InstanceState().NextWakeAt().ShouldBeNull();
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Workflows.Bookmarks;
using BillingOrchestrator.Workflows.Definitions;
using BillingOrchestrator.Workflows.Diagnostics;
using BillingOrchestrator.Workflows.Instances;

namespace BillingOrchestrator.Workflows.Runtime;

/// <summary>Starting instances and resuming them by event.</summary>
public sealed class WorkflowInstanceService(
    IWorkflowWriter writer,
    IWorkflowDefinitionStore definitionStore,
    WorkflowDefinitionCache definitions,
    WorkflowDispatcher dispatcher,
    IWorkflowSettings settings,
    TimeProvider time)
{
    public async Task<WorkflowInstance> StartAsync(string definitionId, JsonObject? input, string? correlationId, int? version, WorkflowActor actor, CancellationToken cancellationToken)
    {
        using var span = WorkflowTelemetry.Source.StartActivity("workflow.start");
        span?.SetTag(WorkflowTelemetry.DefinitionTag, definitionId);
        for (var attempt = 1; ; attempt++)
        {
            var (definition, checkPublished) = await ResolveAsync(definitionId, version, cancellationToken);
            try
            {
                return await StartAsync(definitionId, definition, checkPublished, input, correlationId, actor, cancellationToken);
            }
            catch (PublishedVersionChangedException) when (attempt < 5)
            {
                // Another version was published since this host last looked: look again.
                definitions.ForgetPublished(definitionId);
            }
        }
    }

    /// <summary>
    /// The definition to start. Without a version that is the published one: the version this host last saw published
    /// is used without a lookup and checked in the start's own transaction (<c>checkPublished</c>), otherwise it is read.
    /// </summary>
    private async Task<(WorkflowDefinition Definition, bool CheckPublished)> ResolveAsync(string definitionId, int? version, CancellationToken cancellationToken)
    {
        if (version is { } wanted ? definitions.TryGetPublished(definitionId, wanted, out var known) : definitions.TryGetLastPublished(definitionId, out known))
        {
            return (known, version is null);
        }

        var stored = await definitionStore.FindAsync(definitionId, version is { } v ? VersionSelector.Exactly(v) : VersionSelector.Published, cancellationToken);
        if (stored is null)
        {
            throw new WorkflowValidationException("definitionId", version is null ? $"no published definition '{definitionId}'" : $"definition '{definitionId}' has no version {version}");
        }

        if (stored.PublishedAt is null)
        {
            throw new WorkflowValidationException("version", $"version {stored.Version} of '{definitionId}' is a draft; publish it before starting instances");
        }

        var definition = await definitions.GetAsync(definitionId, stored.Version, cancellationToken);
        if (version is null)
        {
            definitions.NotePublished(definitionId, stored.Version);
        }

        return (definition, false);
    }

    private async Task<WorkflowInstance> StartAsync(string definitionId, WorkflowDefinition definition, bool checkPublished, JsonObject? input, string? correlationId, WorkflowActor actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();

        // With workers on this host, the insert takes the lease for them: the worker runs the instance without a lease
        // commit of its own. If this host dies first, the lease runs out (or its restart releases it) as after any crash.
        var lease = dispatcher.LeaseFor(now);
        var state = new InstanceState { Variables = BindVariables(definition, input) };
        state.Scheduled.Add(WorkItem.For(definition.Root.Id));
        var instance = new WorkflowInstance
        {
            Id = Guid.CreateVersion7().ToString("N"),
            DefinitionId = definitionId,
            DefinitionVersion = definition.Version,
            CorrelationId = correlationId,
            Status = WorkflowStatus.Running,
            SubStatus = WorkflowSubStatus.Pending,
            Revision = 1,
            State = state,
            CreatedAt = now,
            UpdatedAt = now,
            CreatedBy = actor.Name,
            LeaseOwner = lease?.Owner,
            LeaseUntil = lease?.Until,
        };
        var journal = new JournalEntry
        {
            InstanceId = instance.Id,
            Timestamp = now,
            Event = JournalEvents.InstanceStarted,
            Actor = actor.Name,
            DataJson = new JsonObject { ["definitionVersion"] = definition.Version, ["input"] = input?.DeepClone() }.ToJsonString(),
        };
        var stateJson = InstanceStateJson.Serialize(state);
        await writer.WriteReplayableAsync(
            async (s, ct) =>
            {
                if (checkPublished && await s.GetPublishedVersionAsync(definitionId, ct) != definition.Version)
                {
                    throw new PublishedVersionChangedException();
                }

                await s.InsertInstanceAsync(instance, stateJson, ct);
                await s.AppendJournalAsync(journal, ct);
                return true;
            },
            cancellationToken);
        WorkflowTelemetry.InstancesStarted.Add(1, new KeyValuePair<string, object?>(WorkflowTelemetry.DefinitionTag, definitionId));
        if (lease is not null)
        {
            // The worker gets its own copy: the caller keeps the returned instance.
            dispatcher.DispatchLeased(instance.Copy(), priority: false);
        }
        else
        {
            dispatcher.Dispatch(instance.Id);
        }

        return instance;
    }

    /// <summary>Resumes every instance waiting on <paramref name="eventName"/> (optionally only one instance or correlation); returns the ids resumed.</summary>
    public async Task<IReadOnlyList<string>> PublishEventAsync(string eventName, string? instanceId, string? correlationId, JsonNode? payload, WorkflowActor actor, CancellationToken cancellationToken)
    {
        JsonNumbers.Check(payload, "payload");
        var hash = Bookmark.ComputeHash(BookmarkNames.Event, eventName);
        var resumed = await InstanceMutation.RetryOnConflictAsync(
            () => writer.WriteAsync(
                async (s, ct) =>
                {
                    var mutations = new List<InstanceMutation>();
                    foreach (var bookmark in await s.FindBookmarksAsync(hash, ct))
                    {
                        var instance = await s.GetInstanceAsync(bookmark.InstanceId, ct);
                        if (instance is null || (instanceId is not null && instance.Id != instanceId) || (correlationId is not null && instance.CorrelationId != correlationId))
                        {
                            continue;
                        }

                        var definition = await definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, ct);
                        var now = time.GetUtcNow();
                        var mutation = new InstanceMutation(instance, now, actor);
                        mutation.Resume(definition, bookmark.Id, "Done", payload);
                        await mutation.CommitAsync(s, ct, dispatcher.LeaseFor(now));
                        mutations.Add(mutation);
                    }

                    return mutations;
                },
                cancellationToken,
                urgent: true));
        foreach (var mutation in resumed)
        {
            if (mutation.Leased)
            {
                dispatcher.DispatchLeased(mutation.Instance, priority: true);
            }
            else
            {
                dispatcher.Dispatch(mutation.Instance.Id, priority: true);
            }
        }

        return [.. resumed.Select(m => m.Instance.Id)];
    }

    private Dictionary<string, JsonNode?> BindVariables(WorkflowDefinition definition, JsonObject? input)
    {
        var variables = definition.Variables.ToDictionary(v => v.Name, v => v.Default?.DeepClone(), StringComparer.Ordinal);
        var declared = definition.Variables.ToDictionary(v => v.Name, StringComparer.Ordinal);
        var problems = new List<(string, string)>();
        foreach (var variable in definition.Variables.Where(v => v.Setting is not null))
        {
            variables[variable.Name] = settings.TryGet(variable.Setting!, out var value)
                ? value?.DeepClone()
                : throw new WorkflowConflictException($"'{definition.DefinitionId}' reads the setting '{variable.Setting}' into '{variable.Name}', and this host offers no such setting.");
        }

        foreach (var (name, value) in input ?? [])
        {
            if (!declared.TryGetValue(name, out var variable))
            {
                problems.Add(($"input.{name}", $"'{definition.DefinitionId}' declares no variable '{name}'; declared: {string.Join(", ", declared.Keys)}"));
                continue;
            }

            if (variable.Setting is not null)
            {
                problems.Add(($"input.{name}", $"set by configuration ({variable.Setting}), not by a start input"));
                continue;
            }

            if (!Fits(variable.Type, value))
            {
                problems.Add(($"input.{name}", $"must be of type {variable.Type}"));
                continue;
            }

            if (JsonNumbers.OutOfRange(value, $"input.{name}").ToList() is { Count: > 0 } outOfRange)
            {
                problems.AddRange(outOfRange);
                continue;
            }

            variables[name] = value?.DeepClone();
        }

        return problems.Count > 0 ? throw new WorkflowValidationException(problems) : variables;
    }

    private static bool Fits(string type, JsonNode? value) => value is null || type switch
    {
        "string" => value.GetValueKind() == JsonValueKind.String,
        "number" => value.GetValueKind() == JsonValueKind.Number,
        "boolean" => value.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "object" => value is JsonObject,
        "array" => value is JsonArray,
        _ => true,
    };
}

/// <summary>The published version a start assumed is no longer the published one; the start is retried.</summary>
internal sealed class PublishedVersionChangedException() : Exception("Another version of the definition was published.");

using System.Data.Common;
using System.Text.RegularExpressions;
using BillingOrchestrator.Persistence.Configurations;
using BillingOrchestrator.Workflows.Bookmarks;
using BillingOrchestrator.Workflows.Instances;
using BillingOrchestrator.Workflows.Runtime;
using BillingOrchestrator.Workflows.Tasks;
using Microsoft.Data.Sqlite;

namespace BillingOrchestrator.Persistence.Workflows;

/// <summary>
/// The engine's write path in plain SQL that SQLite and PostgreSQL both accept: no change tracker on the hot path.
/// Times are Unix milliseconds, JSON is text, exactly as the EF mappings store them.
/// One session lives as long as the writer's connection and is re-bound to each batch's transaction with
/// <see cref="Begin"/>: every statement is created (and on SQLite compiled) once per connection and then only re-bound,
/// so no statement is parsed again per call. PostgreSQL prepares them server-side through Npgsql's auto-prepare
/// (<see cref="WorkflowDatabase"/>).
/// </summary>
internal sealed partial class SqlWriteSession(DbConnection connection) : IWorkflowWriteSession, IAsyncDisposable
{
    private const string InstanceColumns = "id, definition_id, definition_version, correlation_id, status, sub_status, revision, state, incident_count, created_at, updated_at, finished_at, lease_owner, lease_until, wake_at, created_by";
    private const string TaskColumns = "id, instance_id, definition_id, activity_id, bookmark_id, kind, title, description, role, assignee, status, outcomes, form_json, due_at, revision, created_at, updated_at, completed_by, completed_at, outcome, result_json, comment";
    private const string BookmarkColumns = "id, instance_id, activity_id, work_item_id, name, hash, payload_json, resume_at, created_at";

    private const string InsertInstanceSql =
        $"INSERT INTO wf_instances ({InstanceColumns}) VALUES (@id, @definition_id, @definition_version, @correlation_id, @status, @sub_status, @revision, @state, @incident_count, @created_at, @updated_at, @finished_at, @lease_owner, @lease_until, @wake_at, @created_by)";

    private const string GetInstanceSql = $"SELECT {InstanceColumns} FROM wf_instances WHERE id = @id";

    private const string UpdateInstanceSql =
        "UPDATE wf_instances SET definition_version = @definition_version, status = @status, sub_status = @sub_status, revision = @revision, state = @state, " +
        "incident_count = @incident_count, updated_at = @updated_at, finished_at = @finished_at, wake_at = @wake_at WHERE id = @id AND revision = @expected";

    private const string UpdateInstanceStateSql =
        "UPDATE wf_instances SET revision = @revision, state = @state, updated_at = @updated_at WHERE id = @id AND revision = @expected";

    private const string LeaseSql =
        "UPDATE wf_instances SET lease_owner = @owner, lease_until = @until WHERE id = @id AND status = 'Running' " +
        "AND (lease_owner IS NULL OR lease_owner = @owner OR lease_until < @now)";

    private const string ReleaseLeaseSql = "UPDATE wf_instances SET lease_owner = NULL, lease_until = NULL WHERE id = @id AND lease_owner = @owner";

    private const string ReleaseUnchangedLeaseSql = "UPDATE wf_instances SET lease_owner = NULL, lease_until = NULL WHERE id = @id AND lease_owner = @owner AND revision = @revision";

    private const string PublishedVersionSql = "SELECT version FROM wf_definitions WHERE definition_id = @id AND is_published";

    private const string AppendJournalSql =
        "INSERT INTO wf_journal (instance_id, timestamp, activity_id, activity_type, event, outcome, actor, data_json) " +
        "VALUES (@instance_id, @timestamp, @activity_id, @activity_type, @event, @outcome, @actor, @data_json)";

    private const string InsertBookmarkSql =
        $"INSERT INTO wf_bookmarks ({BookmarkColumns}) VALUES (@id, @instance_id, @activity_id, @work_item_id, @name, @hash, @payload_json, @resume_at, @created_at)";

    private const string DeleteBookmarkSql = "DELETE FROM wf_bookmarks WHERE id = @id";

    private const string BookmarksByInstanceSql = $"SELECT {BookmarkColumns} FROM wf_bookmarks WHERE instance_id = @value ORDER BY created_at, id";

    private const string BookmarksByHashSql = $"SELECT {BookmarkColumns} FROM wf_bookmarks WHERE hash = @value ORDER BY created_at, id";

    private const string InsertTaskSql =
        $"INSERT INTO wf_tasks ({TaskColumns}) VALUES (@id, @instance_id, @definition_id, @activity_id, @bookmark_id, @kind, @title, @description, @role, @assignee, @status, @outcomes, @form_json, @due_at, @revision, @created_at, @updated_at, @completed_by, @completed_at, @outcome, @result_json, @comment)";

    private const string GetTaskSql = $"SELECT {TaskColumns} FROM wf_tasks WHERE id = @id";

    private const string OpenTasksSql = $"SELECT {TaskColumns} FROM wf_tasks WHERE instance_id = @id AND status IN ('Unassigned', 'Available', 'Assigned')";

    private const string UpdateTaskSql =
        "UPDATE wf_tasks SET title = @title, description = @description, role = @role, assignee = @assignee, status = @status, due_at = @due_at, revision = @revision, " +
        "updated_at = @updated_at, completed_by = @completed_by, completed_at = @completed_at, outcome = @outcome, result_json = @result_json, comment = @comment " +
        "WHERE id = @id AND revision = @expected";

    private const string InsertIncidentSql =
        "INSERT INTO wf_incidents (id, instance_id, activity_id, activity_type, message, exception, attempt, timestamp, resolved_at) " +
        "VALUES (@id, @instance_id, @activity_id, @activity_type, @message, @exception, @attempt, @timestamp, NULL)";

    private const string ResolveIncidentsSql = "UPDATE wf_incidents SET resolved_at = @at WHERE instance_id = @id AND resolved_at IS NULL";

    private const string InsertEffectSql =
        "INSERT INTO wf_effects (id, instance_id, activity_id, kind, idempotency_key, payload_json, created_at, dispatched_at, attempts, last_error) " +
        "VALUES (@id, @instance_id, @activity_id, @kind, @key, @payload_json, @created_at, NULL, 0, NULL) ON CONFLICT (idempotency_key) DO NOTHING";

    private const string GetOperationSql = "SELECT result_json FROM wf_operations WHERE operation_id = @id";

    private const string RecordOperationSql = "INSERT INTO wf_operations (operation_id, subject_id, result_json, created_at) VALUES (@id, @subject, @result, @at)";

    private readonly Dictionary<string, DbCommand> _statements = new(StringComparer.Ordinal);
    private readonly bool _compile = connection is SqliteConnection;
    private DbTransaction? _transaction;

    /// <summary>Binds the following statements to <paramref name="transaction"/> (the batch's transaction).</summary>
    public void Begin(DbTransaction transaction) => _transaction = transaction;

    public ValueTask InsertInstanceAsync(WorkflowInstance instance, CancellationToken cancellationToken) =>
        InsertInstanceAsync(instance, InstanceStateJson.Serialize(instance.State), cancellationToken);

    public async ValueTask InsertInstanceAsync(WorkflowInstance instance, string stateJson, CancellationToken cancellationToken)
    {
        var command = Statement(InsertInstanceSql);
        Set(command, "@id", instance.Id);
        Set(command, "@definition_id", instance.DefinitionId);
        Set(command, "@correlation_id", instance.CorrelationId);
        Set(command, "@created_at", instance.CreatedAt.ToUnixTimeMilliseconds());
        Set(command, "@lease_owner", instance.LeaseOwner);
        Set(command, "@lease_until", instance.LeaseUntil?.ToUnixTimeMilliseconds());
        Set(command, "@created_by", instance.CreatedBy);
        SetInstanceChanges(command, instance, stateJson);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask<WorkflowInstance?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        var command = Statement(GetInstanceSql);
        Set(command, "@id", instanceId);
        return await ReadInstanceAsync(command, cancellationToken);
    }

    public ValueTask<bool> UpdateInstanceAsync(WorkflowInstance instance, long expectedRevision, CancellationToken cancellationToken) =>
        UpdateInstanceAsync(instance, expectedRevision, InstanceStateJson.Serialize(instance.State), cancellationToken);

    public async ValueTask<bool> UpdateInstanceAsync(WorkflowInstance instance, long expectedRevision, string stateJson, CancellationToken cancellationToken)
    {
        var command = Statement(UpdateInstanceSql);
        Set(command, "@id", instance.Id);
        Set(command, "@expected", expectedRevision);
        SetInstanceChanges(command, instance, stateJson);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async ValueTask<bool> UpdateInstanceStateAsync(WorkflowInstance instance, long expectedRevision, string stateJson, CancellationToken cancellationToken)
    {
        var command = Statement(UpdateInstanceStateSql);
        Set(command, "@id", instance.Id);
        Set(command, "@expected", expectedRevision);
        Set(command, "@revision", instance.Revision);
        Set(command, "@state", stateJson);
        Set(command, "@updated_at", instance.UpdatedAt.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async ValueTask<WorkflowInstance?> TryLeaseAsync(string instanceId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken) =>
        await TryTakeLeaseAsync(instanceId, owner, now, until, cancellationToken) ? await GetInstanceAsync(instanceId, cancellationToken) : null;

    public async ValueTask<bool> TryTakeLeaseAsync(string instanceId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var command = Statement(LeaseSql);
        Set(command, "@owner", owner);
        Set(command, "@until", until.ToUnixTimeMilliseconds());
        Set(command, "@now", now.ToUnixTimeMilliseconds());
        Set(command, "@id", instanceId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async ValueTask ReleaseLeaseAsync(string instanceId, string owner, CancellationToken cancellationToken)
    {
        var command = Statement(ReleaseLeaseSql);
        Set(command, "@id", instanceId);
        Set(command, "@owner", owner);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask<bool> ReleaseLeaseIfUnchangedAsync(string instanceId, string owner, long revision, CancellationToken cancellationToken)
    {
        var command = Statement(ReleaseUnchangedLeaseSql);
        Set(command, "@id", instanceId);
        Set(command, "@owner", owner);
        Set(command, "@revision", revision);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async ValueTask<int?> GetPublishedVersionAsync(string definitionId, CancellationToken cancellationToken)
    {
        var command = Statement(PublishedVersionSql);
        Set(command, "@id", definitionId);
        return await command.ExecuteScalarAsync(cancellationToken) is { } version and not DBNull ? Convert.ToInt32(version, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    public async ValueTask AppendJournalAsync(JournalEntry entry, CancellationToken cancellationToken)
    {
        var command = Statement(AppendJournalSql);
        Set(command, "@instance_id", entry.InstanceId);
        Set(command, "@timestamp", entry.Timestamp.ToUnixTimeMilliseconds());
        Set(command, "@activity_id", entry.ActivityId);
        Set(command, "@activity_type", entry.ActivityType);
        Set(command, "@event", entry.Event);
        Set(command, "@outcome", entry.Outcome);
        Set(command, "@actor", entry.Actor);
        Set(command, "@data_json", entry.DataJson);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask InsertBookmarkAsync(Bookmark bookmark, CancellationToken cancellationToken)
    {
        var command = Statement(InsertBookmarkSql);
        Set(command, "@id", bookmark.Id);
        Set(command, "@instance_id", bookmark.InstanceId);
        Set(command, "@activity_id", bookmark.ActivityId);
        Set(command, "@work_item_id", bookmark.WorkItemId);
        Set(command, "@name", bookmark.Name);
        Set(command, "@hash", bookmark.Hash);
        Set(command, "@payload_json", bookmark.PayloadJson);
        Set(command, "@resume_at", bookmark.ResumeAt?.ToUnixTimeMilliseconds());
        Set(command, "@created_at", bookmark.CreatedAt.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask<bool> DeleteBookmarkAsync(string bookmarkId, CancellationToken cancellationToken)
    {
        var command = Statement(DeleteBookmarkSql);
        Set(command, "@id", bookmarkId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public ValueTask<IReadOnlyList<Bookmark>> GetBookmarksAsync(string instanceId, CancellationToken cancellationToken) =>
        ReadBookmarksAsync(BookmarksByInstanceSql, instanceId, cancellationToken);

    public ValueTask<IReadOnlyList<Bookmark>> FindBookmarksAsync(string hash, CancellationToken cancellationToken) =>
        ReadBookmarksAsync(BookmarksByHashSql, hash, cancellationToken);

    public async ValueTask InsertTaskAsync(UserTask task, CancellationToken cancellationToken)
    {
        var command = Statement(InsertTaskSql);
        Set(command, "@instance_id", task.InstanceId);
        Set(command, "@definition_id", task.DefinitionId);
        Set(command, "@activity_id", task.ActivityId);
        Set(command, "@bookmark_id", task.BookmarkId);
        Set(command, "@kind", task.Kind);
        Set(command, "@outcomes", JsonColumn.Write(task.Outcomes));
        Set(command, "@form_json", task.FormJson);
        Set(command, "@created_at", task.CreatedAt.ToUnixTimeMilliseconds());
        SetTaskChanges(command, task);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask<UserTask?> GetTaskAsync(string taskId, CancellationToken cancellationToken)
    {
        var command = Statement(GetTaskSql);
        Set(command, "@id", taskId);
        return (await ReadTasksAsync(command, cancellationToken)).FirstOrDefault();
    }

    public async ValueTask<IReadOnlyList<UserTask>> GetOpenTasksAsync(string instanceId, CancellationToken cancellationToken)
    {
        var command = Statement(OpenTasksSql);
        Set(command, "@id", instanceId);
        return await ReadTasksAsync(command, cancellationToken);
    }

    public async ValueTask<bool> UpdateTaskAsync(UserTask task, long expectedRevision, CancellationToken cancellationToken)
    {
        var command = Statement(UpdateTaskSql);
        SetTaskChanges(command, task);
        Set(command, "@expected", expectedRevision);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async ValueTask InsertIncidentAsync(Incident incident, CancellationToken cancellationToken)
    {
        var command = Statement(InsertIncidentSql);
        Set(command, "@id", incident.Id);
        Set(command, "@instance_id", incident.InstanceId);
        Set(command, "@activity_id", incident.ActivityId);
        Set(command, "@activity_type", incident.ActivityType);
        Set(command, "@message", incident.Message);
        Set(command, "@exception", incident.Exception);
        Set(command, "@attempt", incident.Attempt);
        Set(command, "@timestamp", incident.Timestamp.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask ResolveIncidentsAsync(string instanceId, DateTimeOffset resolvedAt, CancellationToken cancellationToken)
    {
        var command = Statement(ResolveIncidentsSql);
        Set(command, "@at", resolvedAt.ToUnixTimeMilliseconds());
        Set(command, "@id", instanceId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask<bool> InsertEffectAsync(WorkflowEffect effect, CancellationToken cancellationToken)
    {
        var command = Statement(InsertEffectSql);
        Set(command, "@id", effect.Id);
        Set(command, "@instance_id", effect.InstanceId);
        Set(command, "@activity_id", effect.ActivityId);
        Set(command, "@kind", effect.Kind);
        Set(command, "@key", effect.IdempotencyKey);
        Set(command, "@payload_json", effect.PayloadJson);
        Set(command, "@created_at", effect.CreatedAt.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async ValueTask<string?> GetOperationResultAsync(string operationId, CancellationToken cancellationToken)
    {
        var command = Statement(GetOperationSql);
        Set(command, "@id", operationId);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async ValueTask RecordOperationAsync(string operationId, string subjectId, string resultJson, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var command = Statement(RecordOperationSql);
        Set(command, "@id", operationId);
        Set(command, "@subject", subjectId);
        Set(command, "@result", resultJson);
        Set(command, "@at", at.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Runs a parameterless statement (savepoints), cached like every other.</summary>
    internal async ValueTask ExecuteAsync(string sql, CancellationToken cancellationToken) =>
        await Statement(sql).ExecuteNonQueryAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _statements.Values)
        {
            await command.DisposeAsync();
        }

        _statements.Clear();
    }

    /// <summary>The cached command for <paramref name="sql"/>, bound to the current transaction; created with one parameter per <c>@name</c> on first use.</summary>
    private DbCommand Statement(string sql)
    {
        if (!_statements.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in ParameterNames().Matches(sql).Select(m => m.Value).Distinct(StringComparer.Ordinal))
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = DBNull.Value;
                command.Parameters.Add(parameter);
            }

            command.Transaction = _transaction;
            if (_compile)
            {
                command.Prepare();
            }

            _statements[sql] = command;
        }

        command.Transaction = _transaction;
        return command;
    }

    private static void Set(DbCommand command, string name, object? value) => command.Parameters[name].Value = value ?? DBNull.Value;

    /// <summary>The columns an UPDATE of the instance writes (an INSERT writes them too).</summary>
    private static void SetInstanceChanges(DbCommand command, WorkflowInstance instance, string stateJson)
    {
        Set(command, "@definition_version", instance.DefinitionVersion);
        Set(command, "@status", instance.Status.ToString());
        Set(command, "@sub_status", instance.SubStatus.ToString());
        Set(command, "@revision", instance.Revision);
        Set(command, "@state", stateJson);
        Set(command, "@incident_count", instance.IncidentCount);
        Set(command, "@updated_at", instance.UpdatedAt.ToUnixTimeMilliseconds());
        Set(command, "@finished_at", instance.FinishedAt?.ToUnixTimeMilliseconds());
        Set(command, "@wake_at", instance.WakeAt?.ToUnixTimeMilliseconds());
    }

    /// <summary>The columns an UPDATE of the task writes (an INSERT writes them too).</summary>
    private static void SetTaskChanges(DbCommand command, UserTask task)
    {
        Set(command, "@id", task.Id);
        Set(command, "@title", task.Title);
        Set(command, "@description", task.Description);
        Set(command, "@role", task.Role);
        Set(command, "@assignee", task.Assignee);
        Set(command, "@status", task.Status.ToString());
        Set(command, "@due_at", task.DueAt?.ToUnixTimeMilliseconds());
        Set(command, "@revision", task.Revision);
        Set(command, "@updated_at", task.UpdatedAt.ToUnixTimeMilliseconds());
        Set(command, "@completed_by", task.CompletedBy);
        Set(command, "@completed_at", task.CompletedAt?.ToUnixTimeMilliseconds());
        Set(command, "@outcome", task.Outcome);
        Set(command, "@result_json", task.ResultJson);
        Set(command, "@comment", task.Comment);
    }

    private static async ValueTask<WorkflowInstance?> ReadInstanceAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new WorkflowInstance
        {
            Id = reader.GetString(0),
            DefinitionId = reader.GetString(1),
            DefinitionVersion = reader.GetInt32(2),
            CorrelationId = NullableString(reader, 3),
            Status = Enum.Parse<WorkflowStatus>(reader.GetString(4)),
            SubStatus = Enum.Parse<WorkflowSubStatus>(reader.GetString(5)),
            Revision = reader.GetInt64(6),
            State = InstanceStateJson.Deserialize(reader.GetString(7)),
            IncidentCount = reader.GetInt32(8),
            CreatedAt = Time(reader, 9)!.Value,
            UpdatedAt = Time(reader, 10)!.Value,
            FinishedAt = Time(reader, 11),
            LeaseOwner = NullableString(reader, 12),
            LeaseUntil = Time(reader, 13),
            WakeAt = Time(reader, 14),
            CreatedBy = NullableString(reader, 15),
        };
    }

    private static async ValueTask<IReadOnlyList<UserTask>> ReadTasksAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var tasks = new List<UserTask>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            tasks.Add(new UserTask
            {
                Id = reader.GetString(0),
                InstanceId = reader.GetString(1),
                DefinitionId = reader.GetString(2),
                ActivityId = reader.GetString(3),
                BookmarkId = reader.GetString(4),
                Kind = reader.GetString(5),
                Title = reader.GetString(6),
                Description = NullableString(reader, 7),
                Role = NullableString(reader, 8),
                Assignee = NullableString(reader, 9),
                Status = Enum.Parse<UserTaskStatus>(reader.GetString(10)),
                Outcomes = JsonColumn.Read<List<string>>(reader.GetString(11)),
                FormJson = NullableString(reader, 12),
                DueAt = Time(reader, 13),
                Revision = reader.GetInt64(14),
                CreatedAt = Time(reader, 15)!.Value,
                UpdatedAt = Time(reader, 16)!.Value,
                CompletedBy = NullableString(reader, 17),
                CompletedAt = Time(reader, 18),
                Outcome = NullableString(reader, 19),
                ResultJson = NullableString(reader, 20),
                Comment = NullableString(reader, 21),
            });
        }

        return tasks;
    }

    private async ValueTask<IReadOnlyList<Bookmark>> ReadBookmarksAsync(string sql, string value, CancellationToken cancellationToken)
    {
        var command = Statement(sql);
        Set(command, "@value", value);
        var bookmarks = new List<Bookmark>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            bookmarks.Add(new Bookmark
            {
                Id = reader.GetString(0),
                InstanceId = reader.GetString(1),
                ActivityId = reader.GetString(2),
                WorkItemId = reader.GetString(3),
                Name = reader.GetString(4),
                Hash = reader.GetString(5),
                PayloadJson = NullableString(reader, 6),
                ResumeAt = Time(reader, 7),
                CreatedAt = Time(reader, 8)!.Value,
            });
        }

        return bookmarks;
    }

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? Time(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    [GeneratedRegex(@"@[a-z_]+")]
    private static partial Regex ParameterNames();
}

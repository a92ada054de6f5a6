using System.Data.Common;
using BillingOrchestrator.Persistence.Configurations;
using BillingOrchestrator.Workflows.Bookmarks;
using BillingOrchestrator.Workflows.Instances;
using BillingOrchestrator.Workflows.Runtime;
using BillingOrchestrator.Workflows.Tasks;

namespace BillingOrchestrator.Persistence.Workflows;

/// <summary>
/// The engine's write path in plain SQL that SQLite and PostgreSQL both accept: no change tracker on the hot path.
/// Times are Unix milliseconds, JSON is text, exactly as the EF mappings store them.
/// </summary>
internal sealed class SqlWriteSession(DbConnection connection, DbTransaction transaction) : IWorkflowWriteSession
{
    private const string InstanceColumns = "id, definition_id, definition_version, correlation_id, status, sub_status, revision, state, incident_count, created_at, updated_at, finished_at, lease_owner, lease_until, wake_at, created_by";
    private const string TaskColumns = "id, instance_id, definition_id, activity_id, bookmark_id, kind, title, description, role, assignee, status, outcomes, form_json, due_at, revision, created_at, updated_at, completed_by, completed_at, outcome, result_json, comment";
    private const string BookmarkColumns = "id, instance_id, activity_id, work_item_id, name, hash, payload_json, resume_at, created_at";

    public async ValueTask InsertInstanceAsync(WorkflowInstance instance, CancellationToken cancellationToken)
    {
        await using var command = Command(
            $"INSERT INTO wf_instances ({InstanceColumns}) VALUES (@id, @definition_id, @definition_version, @correlation_id, @status, @sub_status, @revision, @state, @incident_count, @created_at, @updated_at, @finished_at, @lease_owner, @lease_until, @wake_at, @created_by)");
        BindInstance(command, instance);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask<WorkflowInstance?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        await using var command = Command($"SELECT {InstanceColumns} FROM wf_instances WHERE id = @id");
        Bind(command, "id", instanceId);
        return await ReadInstanceAsync(command, cancellationToken);
    }

    public async ValueTask<bool> UpdateInstanceAsync(WorkflowInstance instance, long expectedRevision, CancellationToken cancellationToken)
    {
        await using var command = Command(
            "UPDATE wf_instances SET definition_version = @definition_version, status = @status, sub_status = @sub_status, revision = @revision, state = @state, " +
            "incident_count = @incident_count, updated_at = @updated_at, finished_at = @finished_at, wake_at = @wake_at WHERE id = @id AND revision = @expected");
        BindInstance(command, instance);
        Bind(command, "expected", expectedRevision);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async ValueTask<WorkflowInstance?> TryLeaseAsync(string instanceId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using (var command = Command(
            "UPDATE wf_instances SET lease_owner = @owner, lease_until = @until WHERE id = @id AND status = 'Running' " +
            "AND (lease_owner IS NULL OR lease_owner = @owner OR lease_until < @now)"))
        {
            Bind(command, "owner", owner);
            Bind(command, "until", until.ToUnixTimeMilliseconds());
            Bind(command, "now", now.ToUnixTimeMilliseconds());
            Bind(command, "id", instanceId);
            if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                return null;
            }
        }

        return await GetInstanceAsync(instanceId, cancellationToken);
    }

    public async ValueTask ReleaseLeaseAsync(string instanceId, string owner, CancellationToken cancellationToken)
    {
        await using var command = Command("UPDATE wf_instances SET lease_owner = NULL, lease_until = NULL WHERE id = @id AND lease_owner = @owner");
        Bind(command, "id", instanceId);
        Bind(command, "owner", owner);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask AppendJournalAsync(JournalEntry entry, CancellationToken cancellationToken)
    {
        await using var command = Command(
            "INSERT INTO wf_journal (instance_id, timestamp, activity_id, activity_type, event, outcome, actor, data_json) " +
            "VALUES (@instance_id, @timestamp, @activity_id, @activity_type, @event, @outcome, @actor, @data_json)");
        Bind(command, "instance_id", entry.InstanceId);
        Bind(command, "timestamp", entry.Timestamp.ToUnixTimeMilliseconds());
        Bind(command, "activity_id", entry.ActivityId);
        Bind(command, "activity_type", entry.ActivityType);
        Bind(command, "event", entry.Event);
        Bind(command, "outcome", entry.Outcome);
        Bind(command, "actor", entry.Actor);
        Bind(command, "data_json", entry.DataJson);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask InsertBookmarkAsync(Bookmark bookmark, CancellationToken cancellationToken)
    {
        await using var command = Command($"INSERT INTO wf_bookmarks ({BookmarkColumns}) VALUES (@id, @instance_id, @activity_id, @work_item_id, @name, @hash, @payload_json, @resume_at, @created_at)");
        Bind(command, "id", bookmark.Id);
        Bind(command, "instance_id", bookmark.InstanceId);
        Bind(command, "activity_id", bookmark.ActivityId);
        Bind(command, "work_item_id", bookmark.WorkItemId);
        Bind(command, "name", bookmark.Name);
        Bind(command, "hash", bookmark.Hash);
        Bind(command, "payload_json", bookmark.PayloadJson);
        Bind(command, "resume_at", bookmark.ResumeAt?.ToUnixTimeMilliseconds());
        Bind(command, "created_at", bookmark.CreatedAt.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask<bool> DeleteBookmarkAsync(string bookmarkId, CancellationToken cancellationToken)
    {
        await using var command = Command("DELETE FROM wf_bookmarks WHERE id = @id");
        Bind(command, "id", bookmarkId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public ValueTask<IReadOnlyList<Bookmark>> GetBookmarksAsync(string instanceId, CancellationToken cancellationToken) =>
        ReadBookmarksAsync("instance_id", instanceId, cancellationToken);

    public ValueTask<IReadOnlyList<Bookmark>> FindBookmarksAsync(string hash, CancellationToken cancellationToken) =>
        ReadBookmarksAsync("hash", hash, cancellationToken);

    public async ValueTask InsertTaskAsync(UserTask task, CancellationToken cancellationToken)
    {
        await using var command = Command(
            $"INSERT INTO wf_tasks ({TaskColumns}) VALUES (@id, @instance_id, @definition_id, @activity_id, @bookmark_id, @kind, @title, @description, @role, @assignee, @status, @outcomes, @form_json, @due_at, @revision, @created_at, @updated_at, @completed_by, @completed_at, @outcome, @result_json, @comment)");
        BindTask(command, task);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask<UserTask?> GetTaskAsync(string taskId, CancellationToken cancellationToken)
    {
        await using var command = Command($"SELECT {TaskColumns} FROM wf_tasks WHERE id = @id");
        Bind(command, "id", taskId);
        return (await ReadTasksAsync(command, cancellationToken)).FirstOrDefault();
    }

    public async ValueTask<IReadOnlyList<UserTask>> GetOpenTasksAsync(string instanceId, CancellationToken cancellationToken)
    {
        await using var command = Command($"SELECT {TaskColumns} FROM wf_tasks WHERE instance_id = @id AND status IN ('Unassigned', 'Available', 'Assigned')");
        Bind(command, "id", instanceId);
        return await ReadTasksAsync(command, cancellationToken);
    }

    public async ValueTask<bool> UpdateTaskAsync(UserTask task, long expectedRevision, CancellationToken cancellationToken)
    {
        await using var command = Command(
            "UPDATE wf_tasks SET title = @title, description = @description, role = @role, assignee = @assignee, status = @status, due_at = @due_at, revision = @revision, " +
            "updated_at = @updated_at, completed_by = @completed_by, completed_at = @completed_at, outcome = @outcome, result_json = @result_json, comment = @comment " +
            "WHERE id = @id AND revision = @expected");
        BindTask(command, task);
        Bind(command, "expected", expectedRevision);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async ValueTask InsertIncidentAsync(Incident incident, CancellationToken cancellationToken)
    {
        await using var command = Command(
            "INSERT INTO wf_incidents (id, instance_id, activity_id, activity_type, message, exception, attempt, timestamp, resolved_at) " +
            "VALUES (@id, @instance_id, @activity_id, @activity_type, @message, @exception, @attempt, @timestamp, NULL)");
        Bind(command, "id", incident.Id);
        Bind(command, "instance_id", incident.InstanceId);
        Bind(command, "activity_id", incident.ActivityId);
        Bind(command, "activity_type", incident.ActivityType);
        Bind(command, "message", incident.Message);
        Bind(command, "exception", incident.Exception);
        Bind(command, "attempt", incident.Attempt);
        Bind(command, "timestamp", incident.Timestamp.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask ResolveIncidentsAsync(string instanceId, DateTimeOffset resolvedAt, CancellationToken cancellationToken)
    {
        await using var command = Command("UPDATE wf_incidents SET resolved_at = @at WHERE instance_id = @id AND resolved_at IS NULL");
        Bind(command, "at", resolvedAt.ToUnixTimeMilliseconds());
        Bind(command, "id", instanceId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask<bool> InsertEffectAsync(WorkflowEffect effect, CancellationToken cancellationToken)
    {
        await using var command = Command(
            "INSERT INTO wf_effects (id, instance_id, activity_id, kind, idempotency_key, payload_json, created_at, dispatched_at, attempts, last_error) " +
            "VALUES (@id, @instance_id, @activity_id, @kind, @key, @payload_json, @created_at, NULL, 0, NULL) ON CONFLICT (idempotency_key) DO NOTHING");
        Bind(command, "id", effect.Id);
        Bind(command, "instance_id", effect.InstanceId);
        Bind(command, "activity_id", effect.ActivityId);
        Bind(command, "kind", effect.Kind);
        Bind(command, "key", effect.IdempotencyKey);
        Bind(command, "payload_json", effect.PayloadJson);
        Bind(command, "created_at", effect.CreatedAt.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async ValueTask<string?> GetOperationResultAsync(string operationId, CancellationToken cancellationToken)
    {
        await using var command = Command("SELECT result_json FROM wf_operations WHERE operation_id = @id");
        Bind(command, "id", operationId);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async ValueTask RecordOperationAsync(string operationId, string subjectId, string resultJson, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = Command("INSERT INTO wf_operations (operation_id, subject_id, result_json, created_at) VALUES (@id, @subject, @result, @at)");
        Bind(command, "id", operationId);
        Bind(command, "subject", subjectId);
        Bind(command, "result", resultJson);
        Bind(command, "at", at.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal async ValueTask ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private DbCommand Command(string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void Bind(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    private static void BindInstance(DbCommand command, WorkflowInstance instance)
    {
        Bind(command, "id", instance.Id);
        Bind(command, "definition_id", instance.DefinitionId);
        Bind(command, "definition_version", instance.DefinitionVersion);
        Bind(command, "correlation_id", instance.CorrelationId);
        Bind(command, "status", instance.Status.ToString());
        Bind(command, "sub_status", instance.SubStatus.ToString());
        Bind(command, "revision", instance.Revision);
        Bind(command, "state", JsonColumn.Write(instance.State));
        Bind(command, "incident_count", instance.IncidentCount);
        Bind(command, "created_at", instance.CreatedAt.ToUnixTimeMilliseconds());
        Bind(command, "updated_at", instance.UpdatedAt.ToUnixTimeMilliseconds());
        Bind(command, "finished_at", instance.FinishedAt?.ToUnixTimeMilliseconds());
        Bind(command, "lease_owner", instance.LeaseOwner);
        Bind(command, "lease_until", instance.LeaseUntil?.ToUnixTimeMilliseconds());
        Bind(command, "wake_at", instance.WakeAt?.ToUnixTimeMilliseconds());
        Bind(command, "created_by", instance.CreatedBy);
    }

    private static void BindTask(DbCommand command, UserTask task)
    {
        Bind(command, "id", task.Id);
        Bind(command, "instance_id", task.InstanceId);
        Bind(command, "definition_id", task.DefinitionId);
        Bind(command, "activity_id", task.ActivityId);
        Bind(command, "bookmark_id", task.BookmarkId);
        Bind(command, "kind", task.Kind);
        Bind(command, "title", task.Title);
        Bind(command, "description", task.Description);
        Bind(command, "role", task.Role);
        Bind(command, "assignee", task.Assignee);
        Bind(command, "status", task.Status.ToString());
        Bind(command, "outcomes", JsonColumn.Write(task.Outcomes));
        Bind(command, "form_json", task.FormJson);
        Bind(command, "due_at", task.DueAt?.ToUnixTimeMilliseconds());
        Bind(command, "revision", task.Revision);
        Bind(command, "created_at", task.CreatedAt.ToUnixTimeMilliseconds());
        Bind(command, "updated_at", task.UpdatedAt.ToUnixTimeMilliseconds());
        Bind(command, "completed_by", task.CompletedBy);
        Bind(command, "completed_at", task.CompletedAt?.ToUnixTimeMilliseconds());
        Bind(command, "outcome", task.Outcome);
        Bind(command, "result_json", task.ResultJson);
        Bind(command, "comment", task.Comment);
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
            State = JsonColumn.Read<InstanceState>(reader.GetString(7)),
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

    private async ValueTask<IReadOnlyList<Bookmark>> ReadBookmarksAsync(string column, string value, CancellationToken cancellationToken)
    {
        await using var command = Command($"SELECT {BookmarkColumns} FROM wf_bookmarks WHERE {column} = @value ORDER BY created_at, id");
        Bind(command, "value", value);
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
}

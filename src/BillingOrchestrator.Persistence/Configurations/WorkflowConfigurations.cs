using BillingOrchestrator.Workflows.Bookmarks;
using BillingOrchestrator.Workflows.Definitions;
using BillingOrchestrator.Workflows.Instances;
using BillingOrchestrator.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BillingOrchestrator.Persistence.Configurations;

internal sealed class StoredDefinitionConfiguration : IEntityTypeConfiguration<StoredDefinition>
{
    public void Configure(EntityTypeBuilder<StoredDefinition> builder)
    {
        builder.ToTable("wf_definitions");
        builder.HasKey(d => d.Id);
        builder.HasIndex(d => new { d.DefinitionId, d.Version }).IsUnique();
        builder.Property(d => d.Id).HasMaxLength(200);
        builder.Property(d => d.DefinitionId).HasMaxLength(150);
        builder.Property(d => d.Name).HasMaxLength(300);
        builder.Property(d => d.ContentHash).HasMaxLength(64);
    }
}

internal sealed class WorkflowInstanceConfiguration : IEntityTypeConfiguration<WorkflowInstance>
{
    public void Configure(EntityTypeBuilder<WorkflowInstance> builder)
    {
        builder.ToTable("wf_instances");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).HasMaxLength(32);
        builder.Property(i => i.DefinitionId).HasMaxLength(150);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.SubStatus).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.State).HasConversion(JsonColumn.Converter<InstanceState>(), JsonColumn.Comparer<InstanceState>());
        builder.HasIndex(i => new { i.Status, i.SubStatus });
        builder.HasIndex(i => i.WakeAt);
        builder.HasIndex(i => i.CorrelationId);
        builder.HasIndex(i => new { i.DefinitionId, i.CreatedAt });
    }
}

internal sealed class BookmarkConfiguration : IEntityTypeConfiguration<Bookmark>
{
    public void Configure(EntityTypeBuilder<Bookmark> builder)
    {
        builder.ToTable("wf_bookmarks");
        builder.HasKey(b => b.Id);
        builder.HasIndex(b => b.Hash);
        builder.HasIndex(b => b.InstanceId);
    }
}

internal sealed class UserTaskConfiguration : IEntityTypeConfiguration<UserTask>
{
    public void Configure(EntityTypeBuilder<UserTask> builder)
    {
        builder.ToTable("wf_tasks");
        builder.HasKey(t => t.Id);
        builder.Ignore(t => t.IsOpen);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Outcomes).HasConversion(JsonColumn.Converter<IReadOnlyList<string>>(), JsonColumn.Comparer<IReadOnlyList<string>>());
        builder.HasIndex(t => new { t.Status, t.Role });
        builder.HasIndex(t => t.Assignee);
        builder.HasIndex(t => t.InstanceId);
    }
}

internal sealed class JournalEntryConfiguration : IEntityTypeConfiguration<JournalEntry>
{
    public void Configure(EntityTypeBuilder<JournalEntry> builder)
    {
        builder.ToTable("wf_journal");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Id).ValueGeneratedOnAdd();
        builder.HasIndex(j => new { j.InstanceId, j.Id });
    }
}

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.ToTable("wf_incidents");
        builder.HasKey(i => i.Id);
        builder.HasIndex(i => i.InstanceId);
    }
}

internal sealed class WorkflowEffectConfiguration : IEntityTypeConfiguration<WorkflowEffect>
{
    public void Configure(EntityTypeBuilder<WorkflowEffect> builder)
    {
        builder.ToTable("wf_effects");
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => e.IdempotencyKey).IsUnique();
        builder.HasIndex(e => new { e.Kind, e.DispatchedAt });
    }
}

internal sealed class TaskOperationConfiguration : IEntityTypeConfiguration<TaskOperation>
{
    public void Configure(EntityTypeBuilder<TaskOperation> builder)
    {
        builder.ToTable("wf_operations");
        builder.HasKey(o => o.OperationId);
        builder.Property(o => o.OperationId).HasMaxLength(120);
    }
}

using BillingOrchestrator.Persistence.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BillingOrchestrator.Persistence.Configurations;

internal sealed class NotificationRowConfiguration : IEntityTypeConfiguration<NotificationRow>
{
    public void Configure(EntityTypeBuilder<NotificationRow> builder)
    {
        builder.ToTable("notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).HasMaxLength(32);
        builder.Property(n => n.Key).HasMaxLength(400);
        builder.Property(n => n.Event).HasMaxLength(30);
        builder.Property(n => n.Channel).HasMaxLength(20);
        builder.Property(n => n.Status).HasMaxLength(20);
        builder.HasIndex(n => n.Key).IsUnique();
        builder.HasIndex(n => new { n.Status, n.NextAttemptAt });
        builder.HasIndex(n => n.CreatedAt);
    }
}

internal sealed class EscalationPathRowConfiguration : IEntityTypeConfiguration<EscalationPathRow>
{
    public void Configure(EntityTypeBuilder<EscalationPathRow> builder)
    {
        builder.ToTable("escalation_paths");
        builder.HasKey(p => p.Role);
        builder.Property(p => p.Role).HasMaxLength(50);
        builder.Property(p => p.EscalationRole).HasMaxLength(50);
    }
}

internal sealed class EscalationRowConfiguration : IEntityTypeConfiguration<EscalationRow>
{
    public void Configure(EntityTypeBuilder<EscalationRow> builder)
    {
        builder.ToTable("escalations");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(32);
        builder.Property(e => e.ItemKind).HasMaxLength(30);
        builder.Property(e => e.ItemId).HasMaxLength(100);
        builder.HasIndex(e => new { e.ItemKind, e.ItemId, e.Level }).IsUnique();
        builder.HasIndex(e => e.At);
    }
}

internal sealed class ScheduleFiringRowConfiguration : IEntityTypeConfiguration<ScheduleFiringRow>
{
    public void Configure(EntityTypeBuilder<ScheduleFiringRow> builder)
    {
        builder.ToTable("schedule_firings");
        builder.HasKey(f => f.CorrelationId);
        builder.Property(f => f.CorrelationId).HasMaxLength(200);
        builder.Property(f => f.DefinitionId).HasMaxLength(150);
        builder.Property(f => f.Status).HasMaxLength(20);
        builder.HasIndex(f => new { f.DefinitionId, f.FiredAt });
    }
}

using BillingOrchestrator.Persistence.Kpis;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BillingOrchestrator.Persistence.Configurations;

internal sealed class KpiSnapshotRowConfiguration : IEntityTypeConfiguration<KpiSnapshotRow>
{
    public void Configure(EntityTypeBuilder<KpiSnapshotRow> builder)
    {
        builder.ToTable("kpi_snapshots");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(40);
        builder.Property(s => s.Kind).HasMaxLength(20);
        builder.Property(s => s.BaselineId).HasMaxLength(40);
        builder.HasIndex(s => new { s.Kind, s.RecordedAt });
        builder.HasIndex(s => new { s.BaselineId, s.Week });
    }
}

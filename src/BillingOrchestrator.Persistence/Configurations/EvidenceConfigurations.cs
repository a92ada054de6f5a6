using BillingOrchestrator.Evidence.Items;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BillingOrchestrator.Persistence.Configurations;

internal sealed class EvidenceItemConfiguration : IEntityTypeConfiguration<EvidenceItem>
{
    public void Configure(EntityTypeBuilder<EvidenceItem> builder)
    {
        builder.ToTable("evidence_items");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Controls).HasConversion(JsonColumn.Converter<IReadOnlyList<string>>(), JsonColumn.Comparer<IReadOnlyList<string>>());
        builder.HasIndex(e => new { e.InstanceId, e.ActivityId });
        builder.HasIndex(e => e.Sha256);
    }
}

internal sealed class EvidenceBriefRecordConfiguration : IEntityTypeConfiguration<EvidenceBriefRecord>
{
    public void Configure(EntityTypeBuilder<EvidenceBriefRecord> builder)
    {
        builder.ToTable("evidence_briefs");
        builder.HasKey(b => b.Id);
        builder.HasIndex(b => new { b.InstanceId, b.ActivityId });
    }
}

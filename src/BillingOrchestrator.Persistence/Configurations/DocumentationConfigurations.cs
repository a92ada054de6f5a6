using BillingOrchestrator.Persistence.Documentation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BillingOrchestrator.Persistence.Configurations;

internal sealed class PublicationRowConfiguration : IEntityTypeConfiguration<PublicationRow>
{
    public void Configure(EntityTypeBuilder<PublicationRow> builder)
    {
        builder.ToTable("publications");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(32);
        builder.Property(p => p.InstanceId).HasMaxLength(100);
        builder.Property(p => p.TargetKind).HasMaxLength(10);
        builder.Property(p => p.Target).HasMaxLength(2000);
        builder.Property(p => p.Location).HasMaxLength(2000);
        builder.Property(p => p.Status).HasMaxLength(20);
        builder.Property(p => p.RequestedBy).HasMaxLength(256);
        builder.Property(p => p.Files).HasConversion(JsonColumn.Converter<IReadOnlyList<PublishedFile>>(), JsonColumn.Comparer<IReadOnlyList<PublishedFile>>());
        builder.HasIndex(p => new { p.InstanceId, p.CreatedAt });
        builder.HasIndex(p => p.CreatedAt);
    }
}

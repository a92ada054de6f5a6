using BillingOrchestrator.Billing.Rollout;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BillingOrchestrator.Persistence.Configurations;

internal sealed class PilotLabelConfiguration : IEntityTypeConfiguration<PilotLabel>
{
    public void Configure(EntityTypeBuilder<PilotLabel> builder)
    {
        builder.ToTable("pilot_labels");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Verdict).HasConversion<string>().HasMaxLength(30);
        builder.Property(l => l.Revision).IsConcurrencyToken();
        builder.HasIndex(l => new { l.InstanceId, l.RunId, l.FindingSequence }).IsUnique();
    }
}

internal sealed class PilotFalseNegativeConfiguration : IEntityTypeConfiguration<PilotFalseNegative>
{
    public void Configure(EntityTypeBuilder<PilotFalseNegative> builder)
    {
        builder.ToTable("pilot_false_negatives");
        builder.HasKey(m => m.Id);
        builder.HasIndex(m => m.InstanceId);
    }
}

internal sealed class PilotOverrideConfiguration : IEntityTypeConfiguration<PilotOverride>
{
    public void Configure(EntityTypeBuilder<PilotOverride> builder)
    {
        builder.ToTable("pilot_overrides");
        builder.HasKey(o => o.Id);
        builder.HasIndex(o => o.InstanceId);
    }
}

using BillingOrchestrator.Billing.Exceptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BillingOrchestrator.Persistence.Configurations;

internal sealed class BillingExceptionConfiguration : IEntityTypeConfiguration<BillingException>
{
    public void Configure(EntityTypeBuilder<BillingException> builder)
    {
        builder.ToTable("billing_exceptions");
        builder.HasKey(e => e.Id);
        builder.Ignore(e => e.Amount);
        builder.Ignore(e => e.IsFinal);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.Disposition).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.SourceLinks).HasConversion(JsonColumn.Converter<IReadOnlyList<string>>(), JsonColumn.Comparer<IReadOnlyList<string>>());
        builder.Property(e => e.Revision).IsConcurrencyToken();
        builder.HasMany(e => e.History).WithOne().HasForeignKey(d => d.ExceptionId);
        builder.Navigation(e => e.History).UsePropertyAccessMode(PropertyAccessMode.Field).HasField("_history");
        builder.HasIndex(e => new { e.InstanceId, e.Status });
        builder.HasIndex(e => new { e.RunId, e.FindingSequence }).IsUnique();
        builder.HasIndex(e => new { e.RoutedRole, e.Status });
    }
}

internal sealed class ExceptionDecisionConfiguration : IEntityTypeConfiguration<ExceptionDecision>
{
    public void Configure(EntityTypeBuilder<ExceptionDecision> builder)
    {
        builder.ToTable("exception_decisions");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(d => d.Disposition).HasConversion<string>().HasMaxLength(30);
        builder.HasIndex(d => new { d.ExceptionId, d.Sequence }).IsUnique();
    }
}

internal sealed class InvoiceBatchConfiguration : IEntityTypeConfiguration<InvoiceBatch>
{
    public void Configure(EntityTypeBuilder<InvoiceBatch> builder)
    {
        builder.ToTable("invoice_batches");
        builder.HasKey(b => b.Id);
        builder.HasIndex(b => b.InstanceId).IsUnique();
        builder.Property(b => b.Released).IsConcurrencyToken();
    }
}

internal sealed class ControlSampleConfiguration : IEntityTypeConfiguration<ControlSample>
{
    public void Configure(EntityTypeBuilder<ControlSample> builder)
    {
        builder.ToTable("control_samples");
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => s.InstanceId);
        builder.Property(s => s.Items).HasConversion(JsonColumn.Converter<IReadOnlyList<SampledItem>>(), JsonColumn.Comparer<IReadOnlyList<SampledItem>>());
    }
}

using BillingOrchestrator.Persistence.Billing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BillingOrchestrator.Persistence.Configurations;

internal sealed class PsaRecordRowConfiguration : IEntityTypeConfiguration<PsaRecordRow>
{
    public void Configure(EntityTypeBuilder<PsaRecordRow> builder)
    {
        builder.ToTable("psa_records");
        builder.HasKey(r => new { r.Entity, r.Id });
        builder.Property(r => r.Entity).HasMaxLength(40);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Source).HasMaxLength(200);
        builder.HasIndex(r => new { r.Entity, r.CompanyId });
        builder.HasIndex(r => new { r.Entity, r.AgreementId });
    }
}

internal sealed class PsaCursorRowConfiguration : IEntityTypeConfiguration<PsaCursorRow>
{
    public void Configure(EntityTypeBuilder<PsaCursorRow> builder)
    {
        builder.ToTable("psa_cursors");
        builder.HasKey(c => c.Entity);
        builder.Property(c => c.Entity).HasMaxLength(40);
    }
}

internal sealed class CatalogRuleSetRowConfiguration : IEntityTypeConfiguration<CatalogRuleSetRow>
{
    public void Configure(EntityTypeBuilder<CatalogRuleSetRow> builder)
    {
        builder.ToTable("catalog_rule_sets");
        builder.HasKey(r => new { r.AgreementTypeId, r.Version });
        builder.Property(r => r.AgreementTypeId).ValueGeneratedNever();
    }
}

internal sealed class CatalogOverrideRowConfiguration : IEntityTypeConfiguration<CatalogOverrideRow>
{
    public void Configure(EntityTypeBuilder<CatalogOverrideRow> builder)
    {
        builder.ToTable("catalog_overrides");
        builder.HasKey(r => new { r.AgreementId, r.Version });
        builder.Property(r => r.AgreementId).ValueGeneratedNever();
    }
}

internal sealed class CatalogOwnerRowConfiguration : IEntityTypeConfiguration<CatalogOwnerRow>
{
    public void Configure(EntityTypeBuilder<CatalogOwnerRow> builder)
    {
        builder.ToTable("catalog_owners");
        builder.HasKey(o => o.AgreementId);
        builder.Property(o => o.AgreementId).ValueGeneratedNever();
    }
}

internal sealed class CodingStandardRowConfiguration : IEntityTypeConfiguration<CodingStandardRow>
{
    public void Configure(EntityTypeBuilder<CodingStandardRow> builder)
    {
        builder.ToTable("coding_standards");
        builder.HasKey(c => c.Version);
        builder.Property(c => c.Version).ValueGeneratedNever();
    }
}

internal sealed class BillingSettingRowConfiguration : IEntityTypeConfiguration<BillingSettingRow>
{
    public void Configure(EntityTypeBuilder<BillingSettingRow> builder)
    {
        builder.ToTable("billing_settings");
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(80);
    }
}

internal sealed class PsaSyncRowConfiguration : IEntityTypeConfiguration<PsaSyncRow>
{
    public void Configure(EntityTypeBuilder<PsaSyncRow> builder)
    {
        builder.ToTable("psa_syncs");
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => s.StartedAt);
    }
}

internal sealed class ValidationRunRowConfiguration : IEntityTypeConfiguration<ValidationRunRow>
{
    public void Configure(EntityTypeBuilder<ValidationRunRow> builder)
    {
        builder.ToTable("validation_runs");
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => r.StartedAt);
    }
}

internal sealed class ValidationFindingRowConfiguration : IEntityTypeConfiguration<ValidationFindingRow>
{
    public void Configure(EntityTypeBuilder<ValidationFindingRow> builder)
    {
        builder.ToTable("validation_findings");
        builder.HasKey(f => new { f.RunId, f.Sequence });
        builder.HasIndex(f => new { f.RunId, f.Category, f.Severity });
        builder.HasIndex(f => new { f.RunId, f.CompanyId });
    }
}

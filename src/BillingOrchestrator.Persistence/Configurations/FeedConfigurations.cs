using BillingOrchestrator.Persistence.Feed;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BillingOrchestrator.Persistence.Configurations;

internal sealed class ApiKeyRowConfiguration : IEntityTypeConfiguration<ApiKeyRow>
{
    public void Configure(EntityTypeBuilder<ApiKeyRow> builder)
    {
        builder.ToTable("api_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasMaxLength(40);
        builder.Property(k => k.Name).HasMaxLength(200);
        builder.Property(k => k.SecretHash).HasMaxLength(64);
    }
}

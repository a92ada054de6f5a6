using BillingOrchestrator.Persistence.Governance;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BillingOrchestrator.Persistence.Configurations;

internal sealed class GovernanceReviewRowConfiguration : IEntityTypeConfiguration<GovernanceReviewRow>
{
    public void Configure(EntityTypeBuilder<GovernanceReviewRow> builder)
    {
        builder.ToTable("governance_reviews");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasMaxLength(40);
        builder.Property(r => r.Month).HasMaxLength(7);
        builder.HasIndex(r => r.Month).IsUnique();
    }
}

internal sealed class GovernanceRecommendationRowConfiguration : IEntityTypeConfiguration<GovernanceRecommendationRow>
{
    public void Configure(EntityTypeBuilder<GovernanceRecommendationRow> builder)
    {
        builder.ToTable("governance_recommendations");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasMaxLength(40);
        builder.Property(r => r.ReviewId).HasMaxLength(40);
        builder.Property(r => r.Kind).HasMaxLength(40);
        builder.Property(r => r.Status).HasMaxLength(20);
        builder.HasIndex(r => new { r.ReviewId, r.Sequence }).IsUnique();
        builder.HasIndex(r => new { r.AgreementId, r.Status });
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BillingOrchestrator.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class KpisGovernanceAndFeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    secret_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<long>(type: "bigint", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: false),
                    revoked_at = table.Column<long>(type: "bigint", nullable: true),
                    revoked_by = table.Column<string>(type: "text", nullable: true),
                    last_used_at = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "governance_recommendations",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    review_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    agreement_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    rationale = table.Column<string>(type: "text", nullable: false),
                    change_json = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    decided_by = table.Column<string>(type: "text", nullable: true),
                    decided_at = table.Column<long>(type: "bigint", nullable: true),
                    reason = table.Column<string>(type: "text", nullable: true),
                    catalog_version = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_governance_recommendations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "governance_reviews",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    month = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    created_at = table.Column<long>(type: "bigint", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: false),
                    options_json = table.Column<string>(type: "text", nullable: false),
                    analysis_json = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_governance_reviews", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "kpi_snapshots",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    recorded_at = table.Column<long>(type: "bigint", nullable: false),
                    recorded_by = table.Column<string>(type: "text", nullable: false),
                    baseline_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    week = table.Column<int>(type: "integer", nullable: false),
                    values_json = table.Column<string>(type: "text", nullable: false),
                    report_json = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kpi_snapshots", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_governance_recommendations_agreement_id_status",
                table: "governance_recommendations",
                columns: new[] { "agreement_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_governance_recommendations_review_id_sequence",
                table: "governance_recommendations",
                columns: new[] { "review_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_governance_reviews_month",
                table: "governance_reviews",
                column: "month",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_kpi_snapshots_baseline_id_week",
                table: "kpi_snapshots",
                columns: new[] { "baseline_id", "week" });

            migrationBuilder.CreateIndex(
                name: "ix_kpi_snapshots_kind_recorded_at",
                table: "kpi_snapshots",
                columns: new[] { "kind", "recorded_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "governance_recommendations");

            migrationBuilder.DropTable(
                name: "governance_reviews");

            migrationBuilder.DropTable(
                name: "kpi_snapshots");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BillingOrchestrator.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ValidationRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "validation_findings",
                columns: table => new
                {
                    run_id = table.Column<string>(type: "TEXT", nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    check_id = table.Column<string>(type: "TEXT", nullable: false),
                    category = table.Column<string>(type: "TEXT", nullable: false),
                    severity = table.Column<string>(type: "TEXT", nullable: false),
                    company_id = table.Column<int>(type: "INTEGER", nullable: false),
                    agreement_id = table.Column<int>(type: "INTEGER", nullable: true),
                    finding_json = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_validation_findings", x => new { x.run_id, x.sequence });
                });

            migrationBuilder.CreateTable(
                name: "validation_runs",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    started_at = table.Column<long>(type: "INTEGER", nullable: false),
                    duration_ms = table.Column<long>(type: "INTEGER", nullable: false),
                    started_by = table.Column<string>(type: "TEXT", nullable: false),
                    snapshot_hash = table.Column<string>(type: "TEXT", nullable: false),
                    finding_count = table.Column<int>(type: "INTEGER", nullable: false),
                    summary_json = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_validation_runs", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_validation_findings_run_id_category_severity",
                table: "validation_findings",
                columns: new[] { "run_id", "category", "severity" });

            migrationBuilder.CreateIndex(
                name: "ix_validation_findings_run_id_company_id",
                table: "validation_findings",
                columns: new[] { "run_id", "company_id" });

            migrationBuilder.CreateIndex(
                name: "ix_validation_runs_started_at",
                table: "validation_runs",
                column: "started_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "validation_findings");

            migrationBuilder.DropTable(
                name: "validation_runs");
        }
    }
}

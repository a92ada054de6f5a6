using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BillingOrchestrator.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PilotLabelsAndExceptionDueDates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "due_at",
                table: "billing_exceptions",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "pilot_false_negatives",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    instance_id = table.Column<string>(type: "text", nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    category = table.Column<string>(type: "text", nullable: true),
                    company_id = table.Column<int>(type: "integer", nullable: true),
                    amount_cents = table.Column<long>(type: "bigint", nullable: false),
                    source_link = table.Column<string>(type: "text", nullable: false),
                    reported_by = table.Column<string>(type: "text", nullable: false),
                    reported_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pilot_false_negatives", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "pilot_labels",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    instance_id = table.Column<string>(type: "text", nullable: false),
                    run_id = table.Column<string>(type: "text", nullable: false),
                    finding_sequence = table.Column<int>(type: "integer", nullable: false),
                    check_id = table.Column<string>(type: "text", nullable: false),
                    category = table.Column<string>(type: "text", nullable: false),
                    amount_cents = table.Column<long>(type: "bigint", nullable: false),
                    verdict = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false),
                    reviewer = table.Column<string>(type: "text", nullable: false),
                    labelled_at = table.Column<long>(type: "bigint", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pilot_labels", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "pilot_overrides",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    instance_id = table.Column<string>(type: "text", nullable: false),
                    subject = table.Column<string>(type: "text", nullable: false),
                    action = table.Column<string>(type: "text", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false),
                    source_link = table.Column<string>(type: "text", nullable: true),
                    overridden_by = table.Column<string>(type: "text", nullable: false),
                    overridden_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pilot_overrides", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_pilot_false_negatives_instance_id",
                table: "pilot_false_negatives",
                column: "instance_id");

            migrationBuilder.CreateIndex(
                name: "ix_pilot_labels_instance_id_run_id_finding_sequence",
                table: "pilot_labels",
                columns: new[] { "instance_id", "run_id", "finding_sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_pilot_overrides_instance_id",
                table: "pilot_overrides",
                column: "instance_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pilot_false_negatives");

            migrationBuilder.DropTable(
                name: "pilot_labels");

            migrationBuilder.DropTable(
                name: "pilot_overrides");

            migrationBuilder.DropColumn(
                name: "due_at",
                table: "billing_exceptions");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BillingOrchestrator.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PlaybookExceptions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "gate_id",
                table: "evidence_items",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "step",
                table: "evidence_items",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "billing_exceptions",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    instance_id = table.Column<string>(type: "text", nullable: false),
                    run_id = table.Column<string>(type: "text", nullable: false),
                    finding_sequence = table.Column<int>(type: "integer", nullable: false),
                    check_id = table.Column<string>(type: "text", nullable: false),
                    category = table.Column<string>(type: "text", nullable: false),
                    severity = table.Column<string>(type: "text", nullable: false),
                    company_id = table.Column<int>(type: "integer", nullable: false),
                    agreement_id = table.Column<int>(type: "integer", nullable: true),
                    service_line = table.Column<string>(type: "text", nullable: true),
                    customer_owner = table.Column<string>(type: "text", nullable: true),
                    amount_cents = table.Column<long>(type: "bigint", nullable: false),
                    message = table.Column<string>(type: "text", nullable: false),
                    source_links = table.Column<string>(type: "text", nullable: false),
                    routed_role = table.Column<string>(type: "text", nullable: false),
                    routed_by = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    disposition = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    reason = table.Column<string>(type: "text", nullable: true),
                    decided_by = table.Column<string>(type: "text", nullable: true),
                    decided_at = table.Column<long>(type: "bigint", nullable: true),
                    confirmed_by = table.Column<string>(type: "text", nullable: true),
                    confirmed_at = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<long>(type: "bigint", nullable: false),
                    revision = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_billing_exceptions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "control_samples",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    instance_id = table.Column<string>(type: "text", nullable: false),
                    seed = table.Column<int>(type: "integer", nullable: false),
                    population = table.Column<int>(type: "integer", nullable: false),
                    items = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_control_samples", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "invoice_batches",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    instance_id = table.Column<string>(type: "text", nullable: false),
                    run_id = table.Column<string>(type: "text", nullable: false),
                    activity_id = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<long>(type: "bigint", nullable: false),
                    released = table.Column<bool>(type: "boolean", nullable: false),
                    released_by = table.Column<string>(type: "text", nullable: true),
                    released_at = table.Column<long>(type: "bigint", nullable: true),
                    export_sha256 = table.Column<string>(type: "text", nullable: true),
                    write_off_sha256 = table.Column<string>(type: "text", nullable: true),
                    billable_lines = table.Column<int>(type: "integer", nullable: false),
                    billable_cents = table.Column<long>(type: "bigint", nullable: false),
                    write_offs = table.Column<int>(type: "integer", nullable: false),
                    write_off_cents = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_invoice_batches", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "exception_decisions",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    exception_id = table.Column<string>(type: "text", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    disposition = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    reason = table.Column<string>(type: "text", nullable: true),
                    actor = table.Column<string>(type: "text", nullable: false),
                    at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exception_decisions", x => x.id);
                    table.ForeignKey(
                        name: "fk_exception_decisions_billing_exceptions_exception_id",
                        column: x => x.exception_id,
                        principalTable: "billing_exceptions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_billing_exceptions_instance_id_status",
                table: "billing_exceptions",
                columns: new[] { "instance_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_billing_exceptions_routed_role_status",
                table: "billing_exceptions",
                columns: new[] { "routed_role", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_billing_exceptions_run_id_finding_sequence",
                table: "billing_exceptions",
                columns: new[] { "run_id", "finding_sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_control_samples_instance_id",
                table: "control_samples",
                column: "instance_id");

            migrationBuilder.CreateIndex(
                name: "ix_exception_decisions_exception_id_sequence",
                table: "exception_decisions",
                columns: new[] { "exception_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_invoice_batches_instance_id",
                table: "invoice_batches",
                column: "instance_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "control_samples");

            migrationBuilder.DropTable(
                name: "exception_decisions");

            migrationBuilder.DropTable(
                name: "invoice_batches");

            migrationBuilder.DropTable(
                name: "billing_exceptions");

            migrationBuilder.DropColumn(
                name: "gate_id",
                table: "evidence_items");

            migrationBuilder.DropColumn(
                name: "step",
                table: "evidence_items");
        }
    }
}

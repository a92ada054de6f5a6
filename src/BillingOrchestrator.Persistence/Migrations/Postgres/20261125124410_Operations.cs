using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BillingOrchestrator.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Operations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "escalation_paths",
                columns: table => new
                {
                    role = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    escalation_role = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    notify_after = table.Column<TimeSpan>(type: "interval", nullable: false),
                    reassign_after = table.Column<TimeSpan>(type: "interval", nullable: false),
                    updated_by = table.Column<string>(type: "text", nullable: false),
                    updated_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_escalation_paths", x => x.role);
                });

            migrationBuilder.CreateTable(
                name: "escalations",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    item_kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    item_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    level = table.Column<int>(type: "integer", nullable: false),
                    action = table.Column<string>(type: "text", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    instance_id = table.Column<string>(type: "text", nullable: true),
                    from_role = table.Column<string>(type: "text", nullable: true),
                    to_role = table.Column<string>(type: "text", nullable: true),
                    due_at = table.Column<long>(type: "bigint", nullable: false),
                    at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_escalations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    key = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    @event = table.Column<string>(name: "event", type: "character varying(30)", maxLength: 30, nullable: false),
                    channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    recipient = table.Column<string>(type: "text", nullable: true),
                    subject = table.Column<string>(type: "text", nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    instance_id = table.Column<string>(type: "text", nullable: true),
                    task_id = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "text", nullable: true),
                    next_attempt_at = table.Column<long>(type: "bigint", nullable: false),
                    locked_until = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<long>(type: "bigint", nullable: false),
                    sent_at = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "schedule_firings",
                columns: table => new
                {
                    correlation_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    definition_id = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    scheduled_for = table.Column<long>(type: "bigint", nullable: false),
                    fired_at = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    instance_id = table.Column<string>(type: "text", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_schedule_firings", x => x.correlation_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_escalations_at",
                table: "escalations",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_escalations_item_kind_item_id_level",
                table: "escalations",
                columns: new[] { "item_kind", "item_id", "level" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notifications_created_at",
                table: "notifications",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_key",
                table: "notifications",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notifications_status_next_attempt_at",
                table: "notifications",
                columns: new[] { "status", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_schedule_firings_definition_id_fired_at",
                table: "schedule_firings",
                columns: new[] { "definition_id", "fired_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "escalation_paths");

            migrationBuilder.DropTable(
                name: "escalations");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "schedule_firings");
        }
    }
}

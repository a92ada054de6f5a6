using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BillingOrchestrator.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BillingRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "billing_settings",
                columns: table => new
                {
                    key = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_billing_settings", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "catalog_overrides",
                columns: table => new
                {
                    agreement_id = table.Column<int>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    effective_from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    effective_to = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    approved_by = table.Column<string>(type: "TEXT", nullable: false),
                    approved_at = table.Column<long>(type: "INTEGER", nullable: false),
                    data_json = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_overrides", x => new { x.agreement_id, x.version });
                });

            migrationBuilder.CreateTable(
                name: "catalog_owners",
                columns: table => new
                {
                    agreement_id = table.Column<int>(type: "INTEGER", nullable: false),
                    owner = table.Column<string>(type: "TEXT", nullable: false),
                    enrolled_by = table.Column<string>(type: "TEXT", nullable: false),
                    enrolled_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_owners", x => x.agreement_id);
                });

            migrationBuilder.CreateTable(
                name: "catalog_rule_sets",
                columns: table => new
                {
                    agreement_type_id = table.Column<int>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    effective_from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    effective_to = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    approved_by = table.Column<string>(type: "TEXT", nullable: false),
                    approved_at = table.Column<long>(type: "INTEGER", nullable: false),
                    data_json = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_rule_sets", x => new { x.agreement_type_id, x.version });
                });

            migrationBuilder.CreateTable(
                name: "coding_standards",
                columns: table => new
                {
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    approved_by = table.Column<string>(type: "TEXT", nullable: false),
                    approved_at = table.Column<long>(type: "INTEGER", nullable: false),
                    data_json = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_coding_standards", x => x.version);
                });

            migrationBuilder.CreateTable(
                name: "psa_cursors",
                columns: table => new
                {
                    entity = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    cursor = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_psa_cursors", x => x.entity);
                });

            migrationBuilder.CreateTable(
                name: "psa_records",
                columns: table => new
                {
                    entity = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    company_id = table.Column<int>(type: "INTEGER", nullable: true),
                    agreement_id = table.Column<int>(type: "INTEGER", nullable: true),
                    last_updated = table.Column<long>(type: "INTEGER", nullable: true),
                    data_json = table.Column<string>(type: "TEXT", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    stored_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_psa_records", x => new { x.entity, x.id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_psa_records_entity_agreement_id",
                table: "psa_records",
                columns: new[] { "entity", "agreement_id" });

            migrationBuilder.CreateIndex(
                name: "ix_psa_records_entity_company_id",
                table: "psa_records",
                columns: new[] { "entity", "company_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "billing_settings");

            migrationBuilder.DropTable(
                name: "catalog_overrides");

            migrationBuilder.DropTable(
                name: "catalog_owners");

            migrationBuilder.DropTable(
                name: "catalog_rule_sets");

            migrationBuilder.DropTable(
                name: "coding_standards");

            migrationBuilder.DropTable(
                name: "psa_cursors");

            migrationBuilder.DropTable(
                name: "psa_records");
        }
    }
}

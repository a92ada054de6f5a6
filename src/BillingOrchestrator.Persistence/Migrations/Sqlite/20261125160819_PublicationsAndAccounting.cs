using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BillingOrchestrator.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PublicationsAndAccounting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "publications",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    instance_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    target_kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    target = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    location = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    files = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    last_error = table.Column<string>(type: "TEXT", nullable: true),
                    requested_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    published_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_publications", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_publications_created_at",
                table: "publications",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_publications_instance_id_created_at",
                table: "publications",
                columns: new[] { "instance_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "publications");
        }
    }
}

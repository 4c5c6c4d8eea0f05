using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IctGov.Resources.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Filings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "apps",
                table: "resources_subject",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "filing_number",
                table: "resources_subject",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "websites",
                table: "resources_subject",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "resources_filing",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    subject_id = table.Column<long>(type: "INTEGER", nullable: false),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    provider_id = table.Column<long>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    domains = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    addresses = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    responsible_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    responsible_id_masked = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    submitted = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    verified = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    deadline = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    decided = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    reasons = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resources_filing", x => x.id);
                    table.ForeignKey(
                        name: "FK_resources_filing_resources_provider_provider_id",
                        column: x => x.provider_id,
                        principalTable: "resources_provider",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_resources_filing_resources_subject_subject_id",
                        column: x => x.subject_id,
                        principalTable: "resources_subject",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "resources_filing_event",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    filing_id = table.Column<long>(type: "INTEGER", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    actor_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resources_filing_event", x => x.id);
                    table.ForeignKey(
                        name: "FK_resources_filing_event_resources_filing_filing_id",
                        column: x => x.filing_id,
                        principalTable: "resources_filing",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_resources_subject_filing_number",
                table: "resources_subject",
                column: "filing_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_resources_filing_number",
                table: "resources_filing",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_resources_filing_provider_id",
                table: "resources_filing",
                column: "provider_id");

            migrationBuilder.CreateIndex(
                name: "IX_resources_filing_region_code_state",
                table: "resources_filing",
                columns: new[] { "region_code", "state" });

            migrationBuilder.CreateIndex(
                name: "IX_resources_filing_subject_id",
                table: "resources_filing",
                column: "subject_id");

            migrationBuilder.CreateIndex(
                name: "IX_resources_filing_event_filing_id",
                table: "resources_filing_event",
                column: "filing_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "resources_filing_event");

            migrationBuilder.DropTable(
                name: "resources_filing");

            migrationBuilder.DropIndex(
                name: "IX_resources_subject_filing_number",
                table: "resources_subject");

            migrationBuilder.DropColumn(
                name: "apps",
                table: "resources_subject");

            migrationBuilder.DropColumn(
                name: "filing_number",
                table: "resources_subject");

            migrationBuilder.DropColumn(
                name: "websites",
                table: "resources_subject");
        }
    }
}

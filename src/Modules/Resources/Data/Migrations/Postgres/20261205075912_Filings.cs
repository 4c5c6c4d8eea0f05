using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace IctGov.Resources.Data.Migrations.Postgres
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "filing_number",
                table: "resources_subject",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "websites",
                table: "resources_subject",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "resources_filing",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    subject_id = table.Column<long>(type: "bigint", nullable: false),
                    region_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    provider_id = table.Column<long>(type: "bigint", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    domains = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    addresses = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    responsible_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    responsible_id_masked = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    submitted = table.Column<DateOnly>(type: "date", nullable: false),
                    verified = table.Column<DateOnly>(type: "date", nullable: true),
                    deadline = table.Column<DateOnly>(type: "date", nullable: true),
                    decided = table.Column<DateOnly>(type: "date", nullable: true),
                    number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    reasons = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    filing_id = table.Column<long>(type: "bigint", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
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

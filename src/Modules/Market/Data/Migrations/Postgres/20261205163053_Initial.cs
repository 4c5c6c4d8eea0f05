using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace IctGov.Market.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "market_application",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    authority = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    applicant_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    applicant_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    services = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    coverage = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    term_years = table.Column<int>(type: "integer", nullable: false),
                    promise = table.Column<bool>(type: "boolean", nullable: false),
                    received = table.Column<DateOnly>(type: "date", nullable: false),
                    notice_due = table.Column<DateOnly>(type: "date", nullable: false),
                    notice_sent = table.Column<DateOnly>(type: "date", nullable: true),
                    missing_materials = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    accepted = table.Column<DateOnly>(type: "date", nullable: true),
                    decision_due = table.Column<DateOnly>(type: "date", nullable: true),
                    decided = table.Column<DateOnly>(type: "date", nullable: true),
                    state = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    licence_number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    post_check_due = table.Column<DateOnly>(type: "date", nullable: true),
                    post_checked = table.Column<DateOnly>(type: "date", nullable: true),
                    promise_held = table.Column<bool>(type: "boolean", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_market_application", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "market_licence",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    authority = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    holder_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    holder_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    services = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    coverage = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    issued = table.Column<DateOnly>(type: "date", nullable: false),
                    expires = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status_changed = table.Column<DateOnly>(type: "date", nullable: true),
                    status_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    application_id = table.Column<long>(type: "bigint", nullable: true),
                    document = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_market_licence", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_market_application_applicant_code",
                table: "market_application",
                column: "applicant_code");

            migrationBuilder.CreateIndex(
                name: "IX_market_application_authority_state",
                table: "market_application",
                columns: new[] { "authority", "state" });

            migrationBuilder.CreateIndex(
                name: "IX_market_licence_authority",
                table: "market_licence",
                column: "authority");

            migrationBuilder.CreateIndex(
                name: "IX_market_licence_holder_code",
                table: "market_licence",
                column: "holder_code");

            migrationBuilder.CreateIndex(
                name: "IX_market_licence_number",
                table: "market_licence",
                column: "number",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "market_application");

            migrationBuilder.DropTable(
                name: "market_licence");
        }
    }
}

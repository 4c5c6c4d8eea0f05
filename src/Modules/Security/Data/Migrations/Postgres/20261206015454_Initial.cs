using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace IctGov.Security.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "security_asset",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    organisation_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    organisation_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    system = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    region = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    criticality = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ip_prefixes = table.Column<string>(type: "text", nullable: false),
                    domains = table.Column<string>(type: "text", nullable: false),
                    products = table.Column<string>(type: "text", nullable: false),
                    updated = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_security_asset", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "security_vulnerability",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    cnvd_id = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    cve_id = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    cvss31_vector = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    cvss31_score = table.Column<double>(type: "double precision", nullable: true),
                    cvss40_vector = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    cvss40_score = table.Column<double>(type: "double precision", nullable: true),
                    severity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    exploited = table.Column<bool>(type: "boolean", nullable: false),
                    affected = table.Column<string>(type: "text", nullable: false),
                    published = table.Column<DateOnly>(type: "date", nullable: true),
                    updated = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_security_vulnerability", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_security_asset_organisation_code_system",
                table: "security_asset",
                columns: new[] { "organisation_code", "system" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_security_asset_region",
                table: "security_asset",
                column: "region");

            migrationBuilder.CreateIndex(
                name: "IX_security_vulnerability_cnvd_id",
                table: "security_vulnerability",
                column: "cnvd_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_security_vulnerability_cve_id",
                table: "security_vulnerability",
                column: "cve_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "security_asset");

            migrationBuilder.DropTable(
                name: "security_vulnerability");
        }
    }
}

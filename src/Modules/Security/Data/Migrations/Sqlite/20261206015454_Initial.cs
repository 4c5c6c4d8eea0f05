using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IctGov.Security.Data.Migrations.Sqlite
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
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    organisation_code = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    organisation_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    system = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    region = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    criticality = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ip_prefixes = table.Column<string>(type: "TEXT", nullable: false),
                    domains = table.Column<string>(type: "TEXT", nullable: false),
                    products = table.Column<string>(type: "TEXT", nullable: false),
                    updated = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_security_asset", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "security_vulnerability",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    cnvd_id = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    cve_id = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    cvss31_vector = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    cvss31_score = table.Column<double>(type: "REAL", nullable: true),
                    cvss40_vector = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    cvss40_score = table.Column<double>(type: "REAL", nullable: true),
                    severity = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    exploited = table.Column<bool>(type: "INTEGER", nullable: false),
                    affected = table.Column<string>(type: "TEXT", nullable: false),
                    published = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    updated = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
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

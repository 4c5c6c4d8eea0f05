using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IctGov.Resources.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "resources_provider",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    credit_code = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    licence_number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    registered = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resources_provider", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "resources_subject",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    credit_code = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    id_masked = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    id_fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    registered = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resources_subject", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "resources_prefix",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    prefix = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    first_key = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    last_key = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    length = table.Column<int>(type: "INTEGER", nullable: false),
                    parent_id = table.Column<long>(type: "INTEGER", nullable: true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    holder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    provider_id = table.Column<long>(type: "INTEGER", nullable: true),
                    purpose = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    allocated = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resources_prefix", x => x.id);
                    table.ForeignKey(
                        name: "FK_resources_prefix_resources_prefix_parent_id",
                        column: x => x.parent_id,
                        principalTable: "resources_prefix",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_resources_prefix_resources_provider_provider_id",
                        column: x => x.provider_id,
                        principalTable: "resources_provider",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "resources_domain",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    unicode_name = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    registrar = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    registrant_id = table.Column<long>(type: "INTEGER", nullable: true),
                    registrant_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    statuses = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    created = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    expires = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    updated = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resources_domain", x => x.id);
                    table.ForeignKey(
                        name: "FK_resources_domain_resources_subject_registrant_id",
                        column: x => x.registrant_id,
                        principalTable: "resources_subject",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "resources_name_server",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    domain_id = table.Column<long>(type: "INTEGER", nullable: false),
                    host = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    unicode_host = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resources_name_server", x => x.id);
                    table.ForeignKey(
                        name: "FK_resources_name_server_resources_domain_domain_id",
                        column: x => x.domain_id,
                        principalTable: "resources_domain",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_resources_domain_name",
                table: "resources_domain",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_resources_domain_registrant_id",
                table: "resources_domain",
                column: "registrant_id");

            migrationBuilder.CreateIndex(
                name: "IX_resources_name_server_domain_id_host",
                table: "resources_name_server",
                columns: new[] { "domain_id", "host" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_resources_name_server_host",
                table: "resources_name_server",
                column: "host");

            migrationBuilder.CreateIndex(
                name: "IX_resources_prefix_parent_id",
                table: "resources_prefix",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "IX_resources_prefix_prefix",
                table: "resources_prefix",
                column: "prefix",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_resources_prefix_provider_id",
                table: "resources_prefix",
                column: "provider_id");

            migrationBuilder.CreateIndex(
                name: "IX_resources_prefix_version_first_key",
                table: "resources_prefix",
                columns: new[] { "version", "first_key" });

            migrationBuilder.CreateIndex(
                name: "IX_resources_provider_credit_code",
                table: "resources_provider",
                column: "credit_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_resources_subject_credit_code",
                table: "resources_subject",
                column: "credit_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_resources_subject_id_fingerprint",
                table: "resources_subject",
                column: "id_fingerprint",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_resources_subject_name",
                table: "resources_subject",
                column: "name");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "resources_name_server");

            migrationBuilder.DropTable(
                name: "resources_prefix");

            migrationBuilder.DropTable(
                name: "resources_domain");

            migrationBuilder.DropTable(
                name: "resources_provider");

            migrationBuilder.DropTable(
                name: "resources_subject");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace IctGov.Security.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ThreatIntelligence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "security_stix_object",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    collection_id = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false),
                    stix_id = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    type = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false),
                    version = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    version_us = table.Column<long>(type: "bigint", nullable: false),
                    spec_version = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    created_by_ref = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    tlp = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    date_added_us = table.Column<long>(type: "bigint", nullable: false),
                    added_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    json = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_security_stix_object", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "security_taxii_collection",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    collection_id = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    readers = table.Column<string>(type: "text", nullable: false),
                    writers = table.Column<string>(type: "text", nullable: false),
                    created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_security_taxii_collection", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "security_taxii_status",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    status_id = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false),
                    owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    json = table.Column<string>(type: "text", nullable: false),
                    created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_security_taxii_status", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_security_stix_object_collection_id_date_added_us",
                table: "security_stix_object",
                columns: new[] { "collection_id", "date_added_us" });

            migrationBuilder.CreateIndex(
                name: "IX_security_stix_object_collection_id_stix_id_version_us",
                table: "security_stix_object",
                columns: new[] { "collection_id", "stix_id", "version_us" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_security_stix_object_collection_id_type",
                table: "security_stix_object",
                columns: new[] { "collection_id", "type" });

            migrationBuilder.CreateIndex(
                name: "IX_security_taxii_collection_collection_id",
                table: "security_taxii_collection",
                column: "collection_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_security_taxii_status_status_id",
                table: "security_taxii_status",
                column: "status_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "security_stix_object");

            migrationBuilder.DropTable(
                name: "security_taxii_collection");

            migrationBuilder.DropTable(
                name: "security_taxii_status");
        }
    }
}

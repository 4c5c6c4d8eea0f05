using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace IctGov.AppLog.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Parties : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "applog_party",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    identifier = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    unit_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    subject_handle = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    certificate_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    certificate = table.Column<byte[]>(type: "bytea", nullable: false),
                    algorithm = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    certificate_subject = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    registered = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    registered_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_applog_party", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_applog_party_identifier",
                table: "applog_party",
                column: "identifier");

            migrationBuilder.CreateIndex(
                name: "ux_applog_party_certificate",
                table: "applog_party",
                column: "certificate_sha256",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "applog_party");
        }
    }
}

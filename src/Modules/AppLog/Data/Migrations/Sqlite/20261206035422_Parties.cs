using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IctGov.AppLog.Data.Migrations.Sqlite
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
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    identifier = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    unit_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    subject_handle = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    certificate_sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    certificate = table.Column<byte[]>(type: "BLOB", nullable: false),
                    algorithm = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    certificate_subject = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    registered = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    registered_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
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

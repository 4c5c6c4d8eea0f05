using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IctGov.AppLog.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "applog_checkpoint",
                columns: table => new
                {
                    size = table.Column<long>(type: "INTEGER", nullable: false),
                    root = table.Column<byte[]>(type: "BLOB", nullable: false),
                    note = table.Column<string>(type: "TEXT", nullable: false),
                    published = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_applog_checkpoint", x => x.size);
                });

            migrationBuilder.CreateTable(
                name: "applog_entry",
                columns: table => new
                {
                    idx = table.Column<long>(type: "INTEGER", nullable: false),
                    data = table.Column<byte[]>(type: "BLOB", nullable: false),
                    leaf_hash = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_applog_entry", x => x.idx);
                });

            migrationBuilder.CreateTable(
                name: "applog_statement",
                columns: table => new
                {
                    idx = table.Column<long>(type: "INTEGER", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    package = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    version = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    signer_cert_sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    developer = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    issued = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    algorithm = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    certificate_sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_applog_statement", x => x.idx);
                });

            migrationBuilder.CreateTable(
                name: "applog_tile",
                columns: table => new
                {
                    level = table.Column<int>(type: "INTEGER", nullable: false),
                    idx = table.Column<long>(type: "INTEGER", nullable: false),
                    data = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_applog_tile", x => new { x.level, x.idx });
                });

            migrationBuilder.CreateIndex(
                name: "ix_applog_entry_leaf_hash",
                table: "applog_entry",
                column: "leaf_hash");

            migrationBuilder.CreateIndex(
                name: "ix_applog_statement_certificate",
                table: "applog_statement",
                column: "certificate_sha256");

            migrationBuilder.CreateIndex(
                name: "ix_applog_statement_developer",
                table: "applog_statement",
                column: "developer");

            migrationBuilder.CreateIndex(
                name: "ix_applog_statement_package",
                table: "applog_statement",
                columns: new[] { "package", "version" });

            migrationBuilder.CreateIndex(
                name: "ix_applog_statement_sha256",
                table: "applog_statement",
                column: "sha256");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "applog_checkpoint");

            migrationBuilder.DropTable(
                name: "applog_entry");

            migrationBuilder.DropTable(
                name: "applog_statement");

            migrationBuilder.DropTable(
                name: "applog_tile");
        }
    }
}

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "applog_checkpoint");

            migrationBuilder.DropTable(
                name: "applog_entry");

            migrationBuilder.DropTable(
                name: "applog_tile");
        }
    }
}

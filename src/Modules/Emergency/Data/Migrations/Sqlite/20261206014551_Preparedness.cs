using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IctGov.Emergency.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Preparedness : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "emergency_drill",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    plan_id = table.Column<long>(type: "INTEGER", nullable: false),
                    level = table.Column<int>(type: "INTEGER", nullable: false),
                    owner_unit = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    region = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    held = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    teams = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    participants = table.Column<int>(type: "INTEGER", nullable: false),
                    findings = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emergency_drill", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "emergency_stock_item",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    stockpile_id = table.Column<long>(type: "INTEGER", nullable: false),
                    item = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    quantity = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    minimum = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emergency_stock_item", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "emergency_stockpile",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    owner_unit = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    region = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    site = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    lon = table.Column<double>(type: "REAL", nullable: true),
                    lat = table.Column<double>(type: "REAL", nullable: true),
                    checked_on = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emergency_stockpile", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "emergency_training",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    team_id = table.Column<long>(type: "INTEGER", nullable: false),
                    member = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    course = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    completed = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    hours = table.Column<decimal>(type: "TEXT", precision: 6, scale: 1, nullable: false),
                    renewed_until = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emergency_training", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_emergency_drill_code",
                table: "emergency_drill",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_emergency_drill_plan_id_held",
                table: "emergency_drill",
                columns: new[] { "plan_id", "held" });

            migrationBuilder.CreateIndex(
                name: "IX_emergency_stock_item_stockpile_id_item",
                table: "emergency_stock_item",
                columns: new[] { "stockpile_id", "item" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_emergency_stockpile_code",
                table: "emergency_stockpile",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_emergency_training_team_id_member_course_completed",
                table: "emergency_training",
                columns: new[] { "team_id", "member", "course", "completed" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "emergency_drill");

            migrationBuilder.DropTable(
                name: "emergency_stock_item");

            migrationBuilder.DropTable(
                name: "emergency_stockpile");

            migrationBuilder.DropTable(
                name: "emergency_training");
        }
    }
}

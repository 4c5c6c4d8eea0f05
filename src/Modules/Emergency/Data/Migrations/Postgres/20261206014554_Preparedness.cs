using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace IctGov.Emergency.Data.Migrations.Postgres
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    title = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    plan_id = table.Column<long>(type: "bigint", nullable: false),
                    level = table.Column<int>(type: "integer", nullable: false),
                    owner_unit = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    region = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    held = table.Column<DateOnly>(type: "date", nullable: false),
                    teams = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    participants = table.Column<int>(type: "integer", nullable: false),
                    findings = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emergency_drill", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "emergency_stock_item",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    stockpile_id = table.Column<long>(type: "bigint", nullable: false),
                    item = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    quantity = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    minimum = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emergency_stock_item", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "emergency_stockpile",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    owner_unit = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    region = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    site = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    lon = table.Column<double>(type: "double precision", nullable: true),
                    lat = table.Column<double>(type: "double precision", nullable: true),
                    checked_on = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emergency_stockpile", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "emergency_training",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    team_id = table.Column<long>(type: "bigint", nullable: false),
                    member = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    course = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    completed = table.Column<DateOnly>(type: "date", nullable: false),
                    hours = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: false),
                    renewed_until = table.Column<DateOnly>(type: "date", nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
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

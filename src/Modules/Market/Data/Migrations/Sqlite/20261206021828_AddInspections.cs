using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IctGov.Market.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddInspections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "market_inspection_plan",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    authority = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    items = table.Column<string>(type: "TEXT", nullable: false),
                    services = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    regions = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ratios = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    inspectors = table.Column<string>(type: "TEXT", nullable: false),
                    created = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    drawn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    seed = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    document = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_market_inspection_plan", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "market_inspection_result",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    plan_id = table.Column<long>(type: "INTEGER", nullable: false),
                    holder_code = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    item = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    recorded = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_market_inspection_result", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_market_inspection_plan_authority",
                table: "market_inspection_plan",
                column: "authority");

            migrationBuilder.CreateIndex(
                name: "IX_market_inspection_result_holder_code",
                table: "market_inspection_result",
                column: "holder_code");

            migrationBuilder.CreateIndex(
                name: "IX_market_inspection_result_plan_id_holder_code_item",
                table: "market_inspection_result",
                columns: new[] { "plan_id", "holder_code", "item" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "market_inspection_plan");

            migrationBuilder.DropTable(
                name: "market_inspection_result");
        }
    }
}

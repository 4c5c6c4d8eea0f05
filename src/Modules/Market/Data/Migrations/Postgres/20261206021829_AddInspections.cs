using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace IctGov.Market.Data.Migrations.Postgres
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    authority = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    items = table.Column<string>(type: "text", nullable: false),
                    services = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    regions = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ratios = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    inspectors = table.Column<string>(type: "text", nullable: false),
                    created = table.Column<DateOnly>(type: "date", nullable: false),
                    drawn = table.Column<DateOnly>(type: "date", nullable: true),
                    seed = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    document = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_market_inspection_plan", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "market_inspection_result",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    plan_id = table.Column<long>(type: "bigint", nullable: false),
                    holder_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    item = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    recorded = table.Column<DateOnly>(type: "date", nullable: false)
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

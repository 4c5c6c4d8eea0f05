using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IctGov.Market.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddCreditLists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "market_credit_listing",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    list = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ground = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    holder_code = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    holder_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    licence_number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    decision = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    decision_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    listed = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    authority = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    last_day = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    removed = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    removal_reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_market_credit_listing", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_market_credit_listing_holder_code",
                table: "market_credit_listing",
                column: "holder_code");

            migrationBuilder.CreateIndex(
                name: "IX_market_credit_listing_list_listed",
                table: "market_credit_listing",
                columns: new[] { "list", "listed" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "market_credit_listing");
        }
    }
}

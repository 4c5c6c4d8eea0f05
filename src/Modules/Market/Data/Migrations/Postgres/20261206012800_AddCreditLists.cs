using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace IctGov.Market.Data.Migrations.Postgres
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    list = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ground = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    holder_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    holder_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    licence_number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    decision = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    decision_date = table.Column<DateOnly>(type: "date", nullable: false),
                    listed = table.Column<DateOnly>(type: "date", nullable: false),
                    authority = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    last_day = table.Column<DateOnly>(type: "date", nullable: true),
                    removed = table.Column<DateOnly>(type: "date", nullable: true),
                    removal_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
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

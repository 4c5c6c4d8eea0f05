using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace IctGov.Collection.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "collection_data_set",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    NameZh = table.Column<string>(type: "text", nullable: false),
                    NameEn = table.Column<string>(type: "text", nullable: false),
                    PeriodKind = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    ReporterKinds = table.Column<string>(type: "text", nullable: false),
                    DeadlineDays = table.Column<int>(type: "integer", nullable: false),
                    JumpThreshold = table.Column<decimal>(type: "numeric(9,6)", precision: 9, scale: 6, nullable: false),
                    Opens = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    Closes = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: true),
                    Owner = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ElementsJson = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_collection_data_set", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "collection_report",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DataSetCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    UnitId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ValuesJson = table.Column<string>(type: "text", nullable: false),
                    ExplanationsJson = table.Column<string>(type: "text", nullable: false),
                    FirstSubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Late = table.Column<bool>(type: "boolean", nullable: false),
                    PublishedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_collection_report", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "collection_report_event",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ActorId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StatusAfter = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_collection_report_event", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "collection_report_vintage",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    ValuesJson = table.Column<string>(type: "text", nullable: false),
                    PublishedOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_collection_report_vintage", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_collection_report_DataSetCode_Period_Status",
                table: "collection_report",
                columns: new[] { "DataSetCode", "Period", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_collection_report_DataSetCode_UnitId_RegionCode_Period",
                table: "collection_report",
                columns: new[] { "DataSetCode", "UnitId", "RegionCode", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_collection_report_event_ReportId",
                table: "collection_report_event",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_collection_report_vintage_ReportId_Version",
                table: "collection_report_vintage",
                columns: new[] { "ReportId", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "collection_data_set");

            migrationBuilder.DropTable(
                name: "collection_report");

            migrationBuilder.DropTable(
                name: "collection_report_event");

            migrationBuilder.DropTable(
                name: "collection_report_vintage");
        }
    }
}

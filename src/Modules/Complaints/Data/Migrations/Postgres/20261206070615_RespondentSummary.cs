using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IctGov.Complaints.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RespondentSummary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The summary is derived data: emptied here, it is rebuilt from the complaints at start-up
            // (ComplaintCounts.EnsureBuiltAsync), which also fills the new respondents' table.
            migrationBuilder.Sql("DELETE FROM complaints_count;");
            migrationBuilder.Sql("DELETE FROM complaints_due_count;");

            migrationBuilder.DropPrimaryKey(
                name: "PK_complaints_count",
                table: "complaints_count");

            migrationBuilder.DropIndex(
                name: "IX_complaints_complaint_state_region",
                table: "complaints_complaint");

            migrationBuilder.DropColumn(
                name: "respondent_id",
                table: "complaints_count");

            migrationBuilder.DropColumn(
                name: "respondent_name",
                table: "complaints_count");

            migrationBuilder.AddPrimaryKey(
                name: "PK_complaints_count",
                table: "complaints_count",
                columns: new[] { "month", "region", "kind", "topic", "state", "outcome", "decided", "handled", "on_time" });

            migrationBuilder.CreateTable(
                name: "complaints_respondent_count",
                columns: table => new
                {
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    region = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    respondent_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    handled = table.Column<bool>(type: "boolean", nullable: false),
                    on_time = table.Column<bool>(type: "boolean", nullable: false),
                    respondent_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    complaints = table.Column<long>(type: "bigint", nullable: false),
                    rated = table.Column<long>(type: "bigint", nullable: false),
                    rating_sum = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_complaints_respondent_count", x => new { x.month, x.region, x.kind, x.respondent_id, x.handled, x.on_time });
                });

            migrationBuilder.CreateIndex(
                name: "IX_complaints_complaint_state_region_clock",
                table: "complaints_complaint",
                columns: new[] { "state", "region", "kind", "acceptance_due", "answer_due", "respondent_due" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM complaints_count;");
            migrationBuilder.Sql("DELETE FROM complaints_due_count;");

            migrationBuilder.DropTable(
                name: "complaints_respondent_count");

            migrationBuilder.DropPrimaryKey(
                name: "PK_complaints_count",
                table: "complaints_count");

            migrationBuilder.DropIndex(
                name: "IX_complaints_complaint_state_region_clock",
                table: "complaints_complaint");

            migrationBuilder.AddColumn<string>(
                name: "respondent_id",
                table: "complaints_count",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "respondent_name",
                table: "complaints_count",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddPrimaryKey(
                name: "PK_complaints_count",
                table: "complaints_count",
                columns: new[] { "month", "region", "respondent_id", "kind", "topic", "state", "outcome", "decided", "handled", "on_time" });

            migrationBuilder.CreateIndex(
                name: "IX_complaints_complaint_state_region",
                table: "complaints_complaint",
                columns: new[] { "state", "region" });
        }
    }
}

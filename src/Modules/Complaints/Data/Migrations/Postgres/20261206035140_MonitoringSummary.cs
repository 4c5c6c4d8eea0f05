using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IctGov.Complaints.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MonitoringSummary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "complaints_count",
                columns: table => new
                {
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    region = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    respondent_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    topic = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    decided = table.Column<bool>(type: "boolean", nullable: false),
                    handled = table.Column<bool>(type: "boolean", nullable: false),
                    on_time = table.Column<bool>(type: "boolean", nullable: false),
                    respondent_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    complaints = table.Column<long>(type: "bigint", nullable: false),
                    rated = table.Column<long>(type: "bigint", nullable: false),
                    rating_sum = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_complaints_count", x => new { x.month, x.region, x.respondent_id, x.kind, x.topic, x.state, x.outcome, x.decided, x.handled, x.on_time });
                });

            migrationBuilder.CreateTable(
                name: "complaints_due_count",
                columns: table => new
                {
                    region = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    due = table.Column<DateOnly>(type: "date", nullable: false),
                    @class = table.Column<string>(name: "class", type: "character varying(16)", maxLength: 16, nullable: false),
                    complaints = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_complaints_due_count", x => new { x.due, x.region, x.@class });
                });

            migrationBuilder.CreateTable(
                name: "complaints_user_base",
                columns: table => new
                {
                    scope = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    as_of = table.Column<DateOnly>(type: "date", nullable: false),
                    users = table.Column<long>(type: "bigint", nullable: false),
                    source = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_complaints_user_base", x => new { x.scope, x.key, x.as_of });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "complaints_count");

            migrationBuilder.DropTable(
                name: "complaints_due_count");

            migrationBuilder.DropTable(
                name: "complaints_user_base");
        }
    }
}

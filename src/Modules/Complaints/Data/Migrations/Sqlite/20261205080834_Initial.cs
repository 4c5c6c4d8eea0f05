using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IctGov.Complaints.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "complaints_complaint",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    region = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    respondent_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    respondent_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    topic = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    user_phone = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    user_address = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    user_postcode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    claim = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    facts = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    event_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    operator_complained_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    operator_response = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    received_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    acceptance_due = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    decided_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    rejection_reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    answer_due = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    transferred_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    respondent_due = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    respondent_answered_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    respondent_answer = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    mediation_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    closed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    closing_note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    duplicate_of = table.Column<long>(type: "INTEGER", nullable: true),
                    rating = table.Column<int>(type: "INTEGER", nullable: true),
                    rated_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    rating_token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_complaints_complaint", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "complaints_event",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    complaint_id = table.Column<long>(type: "INTEGER", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    actor_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    from_state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    to_state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_complaints_event", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "complaints_survey",
                columns: table => new
                {
                    code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    service = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name_zh = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    name_en = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    in_index = table.Column<bool>(type: "INTEGER", nullable: false),
                    items_json = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_complaints_survey", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "complaints_survey_response",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    survey_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    operator_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    region = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    responded_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    complaint_id = table.Column<long>(type: "INTEGER", nullable: true),
                    scores_json = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    index_value = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_complaints_survey_response", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_complaints_complaint_kind_respondent_due_region_state_outcome_closed_on_respondent_answered_on",
                table: "complaints_complaint",
                columns: new[] { "kind", "respondent_due", "region", "state", "outcome", "closed_on", "respondent_answered_on" });

            migrationBuilder.CreateIndex(
                name: "IX_complaints_complaint_received_on",
                table: "complaints_complaint",
                column: "received_on");

            migrationBuilder.CreateIndex(
                name: "IX_complaints_complaint_state_region",
                table: "complaints_complaint",
                columns: new[] { "state", "region" });

            migrationBuilder.CreateIndex(
                name: "IX_complaints_complaint_user_phone_respondent_id",
                table: "complaints_complaint",
                columns: new[] { "user_phone", "respondent_id" });

            migrationBuilder.CreateIndex(
                name: "IX_complaints_event_complaint_id",
                table: "complaints_event",
                column: "complaint_id");

            migrationBuilder.CreateIndex(
                name: "IX_complaints_survey_response_complaint_id",
                table: "complaints_survey_response",
                column: "complaint_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_complaints_survey_response_responded_on",
                table: "complaints_survey_response",
                column: "responded_on");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "complaints_complaint");

            migrationBuilder.DropTable(
                name: "complaints_event");

            migrationBuilder.DropTable(
                name: "complaints_survey");

            migrationBuilder.DropTable(
                name: "complaints_survey_response");
        }
    }
}

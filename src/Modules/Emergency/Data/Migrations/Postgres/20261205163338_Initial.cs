using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace IctGov.Emergency.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "emergency_dispatch",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    incident_id = table.Column<long>(type: "bigint", nullable: false),
                    team_id = table.Column<long>(type: "bigint", nullable: true),
                    equipment_id = table.Column<long>(type: "bigint", nullable: true),
                    to_region = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    task = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    issued_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    acknowledged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    eta = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    arrived_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    released_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emergency_dispatch", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "emergency_duty",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    incident_id = table.Column<long>(type: "bigint", nullable: false),
                    operator_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    region = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    every_minutes = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emergency_duty", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "emergency_equipment",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    owner_unit = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    region = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    lon = table.Column<double>(type: "double precision", nullable: true),
                    lat = table.Column<double>(type: "double precision", nullable: true),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emergency_equipment", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "emergency_incident",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    title = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    level = table.Column<int>(type: "integer", nullable: false),
                    regions = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    plan_id = table.Column<long>(type: "bigint", nullable: true),
                    report_every_minutes = table.Column<int>(type: "integer", nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    opened_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lessons = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emergency_incident", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "emergency_plan",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    tier = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    owner_unit = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    region = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    title = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    adopted = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emergency_plan", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "emergency_plan_level",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    plan_id = table.Column<long>(type: "bigint", nullable: false),
                    level = table.Column<int>(type: "integer", nullable: false),
                    actions = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    reporters = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    report_every_minutes = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emergency_plan_level", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "emergency_report",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    incident_id = table.Column<long>(type: "bigint", nullable: false),
                    operator_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    area = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    stations_out = table.Column<int>(type: "integer", nullable: false),
                    stations_restored = table.Column<int>(type: "integer", nullable: false),
                    affected_users = table.Column<int>(type: "integer", nullable: false),
                    cable_cuts = table.Column<int>(type: "integer", nullable: false),
                    core_nodes_down = table.Column<int>(type: "integer", nullable: false),
                    congested = table.Column<bool>(type: "boolean", nullable: false),
                    counties = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    channel = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emergency_report", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "emergency_report_station",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    report_id = table.Column<long>(type: "bigint", nullable: false),
                    station_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    lon = table.Column<double>(type: "double precision", nullable: false),
                    lat = table.Column<double>(type: "double precision", nullable: false),
                    @out = table.Column<bool>(name: "out", type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emergency_report_station", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "emergency_support_request",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    incident_id = table.Column<long>(type: "bigint", nullable: false),
                    from_region = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    to_region = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    need = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    answered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    answer = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emergency_support_request", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "emergency_team",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    owner_unit = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    region = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    @base = table.Column<string>(name: "base", type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emergency_team", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "emergency_team_member",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    team_id = table.Column<long>(type: "bigint", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    qualification = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    qualification_expires = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emergency_team_member", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "emergency_timeline",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    incident_id = table.Column<long>(type: "bigint", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    actor_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emergency_timeline", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "emergency_warning",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    identifier = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    incident_id = table.Column<long>(type: "bigint", nullable: true),
                    sender = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    sent = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    msg_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    @event = table.Column<string>(name: "event", type: "character varying(200)", maxLength: 200, nullable: false),
                    severity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    headline = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    areas = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    origin = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    xml = table.Column<string>(type: "character varying(200000)", maxLength: 200000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emergency_warning", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "emergency_warning_ack",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    warning_id = table.Column<long>(type: "bigint", nullable: false),
                    operator_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    area = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emergency_warning_ack", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_emergency_dispatch_incident_id",
                table: "emergency_dispatch",
                column: "incident_id");

            migrationBuilder.CreateIndex(
                name: "IX_emergency_duty_incident_id_operator_id_region",
                table: "emergency_duty",
                columns: new[] { "incident_id", "operator_id", "region" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_emergency_equipment_code",
                table: "emergency_equipment",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_emergency_incident_code",
                table: "emergency_incident",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_emergency_plan_code",
                table: "emergency_plan",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_emergency_plan_level_plan_id_level",
                table: "emergency_plan_level",
                columns: new[] { "plan_id", "level" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_emergency_report_incident_id_operator_id_area_at",
                table: "emergency_report",
                columns: new[] { "incident_id", "operator_id", "area", "at" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_emergency_report_station_report_id",
                table: "emergency_report_station",
                column: "report_id");

            migrationBuilder.CreateIndex(
                name: "IX_emergency_support_request_incident_id",
                table: "emergency_support_request",
                column: "incident_id");

            migrationBuilder.CreateIndex(
                name: "IX_emergency_team_code",
                table: "emergency_team",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_emergency_team_member_team_id",
                table: "emergency_team_member",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "IX_emergency_timeline_incident_id_at",
                table: "emergency_timeline",
                columns: new[] { "incident_id", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_emergency_warning_sender_identifier",
                table: "emergency_warning",
                columns: new[] { "sender", "identifier" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_emergency_warning_sent",
                table: "emergency_warning",
                column: "sent");

            migrationBuilder.CreateIndex(
                name: "IX_emergency_warning_ack_warning_id_operator_id_area",
                table: "emergency_warning_ack",
                columns: new[] { "warning_id", "operator_id", "area" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "emergency_dispatch");

            migrationBuilder.DropTable(
                name: "emergency_duty");

            migrationBuilder.DropTable(
                name: "emergency_equipment");

            migrationBuilder.DropTable(
                name: "emergency_incident");

            migrationBuilder.DropTable(
                name: "emergency_plan");

            migrationBuilder.DropTable(
                name: "emergency_plan_level");

            migrationBuilder.DropTable(
                name: "emergency_report");

            migrationBuilder.DropTable(
                name: "emergency_report_station");

            migrationBuilder.DropTable(
                name: "emergency_support_request");

            migrationBuilder.DropTable(
                name: "emergency_team");

            migrationBuilder.DropTable(
                name: "emergency_team_member");

            migrationBuilder.DropTable(
                name: "emergency_timeline");

            migrationBuilder.DropTable(
                name: "emergency_warning");

            migrationBuilder.DropTable(
                name: "emergency_warning_ack");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace IctGov.Identifiers.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "identifiers_handle",
                columns: table => new
                {
                    Key = table.Column<string>(type: "text", nullable: false),
                    Handle = table.Column<string>(type: "text", nullable: false),
                    Prefix = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    ValuesJson = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    BatchId = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identifiers_handle", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "identifiers_node",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Industry = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: true),
                    Province = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    Prefix = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    Endpoints = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Demo = table.Column<bool>(type: "boolean", nullable: false),
                    InServiceFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identifiers_node", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "identifiers_prefix",
                columns: table => new
                {
                    Prefix = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Level = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Parent = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    OwnerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OwnerUnitId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Industry = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: true),
                    Province = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    Demo = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identifiers_prefix", x => x.Prefix);
                });

            migrationBuilder.CreateTable(
                name: "identifiers_registration_count",
                columns: table => new
                {
                    Prefix = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identifiers_registration_count", x => x.Prefix);
                });

            migrationBuilder.CreateTable(
                name: "identifiers_resolution_day",
                columns: table => new
                {
                    Day = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Prefix = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Resolved = table.Column<long>(type: "bigint", nullable: false),
                    NotFound = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identifiers_resolution_day", x => new { x.Day, x.Prefix });
                });

            migrationBuilder.CreateTable(
                name: "identifiers_template",
                columns: table => new
                {
                    Prefix = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    FieldsJson = table.Column<string>(type: "text", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identifiers_template", x => x.Prefix);
                });

            migrationBuilder.CreateIndex(
                name: "IX_identifiers_handle_Prefix_Key",
                table: "identifiers_handle",
                columns: new[] { "Prefix", "Key" });

            migrationBuilder.CreateIndex(
                name: "IX_identifiers_node_Name",
                table: "identifiers_node",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "identifiers_handle");

            migrationBuilder.DropTable(
                name: "identifiers_node");

            migrationBuilder.DropTable(
                name: "identifiers_prefix");

            migrationBuilder.DropTable(
                name: "identifiers_registration_count");

            migrationBuilder.DropTable(
                name: "identifiers_resolution_day");

            migrationBuilder.DropTable(
                name: "identifiers_template");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IctGov.Numbering.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "numbering_allocation",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Holder = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Capacity = table.Column<long>(type: "INTEGER", nullable: false),
                    AllocatedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<long>(type: "INTEGER", nullable: true),
                    ReclaimedOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_numbering_allocation", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "numbering_application",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Operator = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SubmittedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AcknowledgeBy = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AcceptedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DecideBy = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    AllocationId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_numbering_application", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "numbering_penalty",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Operator = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ImposedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_numbering_penalty", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "numbering_port",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Number = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Donor = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Recipient = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    DonorAcknowledgedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    RecipientAcknowledgedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    EffectiveAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_numbering_port", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "numbering_port_authorisation",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Number = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Donor = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CodeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UsedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_numbering_port_authorisation", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "numbering_usage",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AllocationId = table.Column<long>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Activated = table.Column<long>(type: "INTEGER", nullable: false),
                    ReportedOn = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_numbering_usage", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_numbering_allocation_Holder",
                table: "numbering_allocation",
                column: "Holder");

            migrationBuilder.CreateIndex(
                name: "IX_numbering_allocation_Prefix",
                table: "numbering_allocation",
                column: "Prefix");

            migrationBuilder.CreateIndex(
                name: "IX_numbering_application_Operator",
                table: "numbering_application",
                column: "Operator");

            migrationBuilder.CreateIndex(
                name: "IX_numbering_port_Number_EffectiveAt",
                table: "numbering_port",
                columns: new[] { "Number", "EffectiveAt" });

            migrationBuilder.CreateIndex(
                name: "IX_numbering_port_authorisation_Number",
                table: "numbering_port_authorisation",
                column: "Number");

            migrationBuilder.CreateIndex(
                name: "IX_numbering_usage_AllocationId_Year",
                table: "numbering_usage",
                columns: new[] { "AllocationId", "Year" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "numbering_allocation");

            migrationBuilder.DropTable(
                name: "numbering_application");

            migrationBuilder.DropTable(
                name: "numbering_penalty");

            migrationBuilder.DropTable(
                name: "numbering_port");

            migrationBuilder.DropTable(
                name: "numbering_port_authorisation");

            migrationBuilder.DropTable(
                name: "numbering_usage");
        }
    }
}

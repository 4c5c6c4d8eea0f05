using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IctGov.Planning.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "planning_data_element",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", nullable: false),
                    UnitZh = table.Column<string>(type: "TEXT", nullable: false),
                    UnitEn = table.Column<string>(type: "TEXT", nullable: false),
                    Additive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_planning_data_element", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "planning_evaluation_snapshot",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AsOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    PlanVersionCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_planning_evaluation_snapshot", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "planning_import_batch",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Rows = table.Column<int>(type: "INTEGER", nullable: false),
                    Skipped = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_planning_import_batch", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "planning_indicator",
                columns: table => new
                {
                    No = table.Column<int>(type: "INTEGER", nullable: false),
                    CategoryZh = table.Column<string>(type: "TEXT", nullable: false),
                    CategoryEn = table.Column<string>(type: "TEXT", nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", nullable: false),
                    UnitZh = table.Column<string>(type: "TEXT", nullable: false),
                    UnitEn = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Measure = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Projection = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Binding = table.Column<bool>(type: "INTEGER", nullable: false),
                    ChangeText = table.Column<string>(type: "TEXT", nullable: false),
                    FormulaNumerator = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    FormulaDenominator = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    FormulaScale = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_planning_indicator", x => x.No);
                });

            migrationBuilder.CreateTable(
                name: "planning_observation",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SubjectKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SubjectKey = table.Column<string>(type: "TEXT", maxLength: 96, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    PeriodKind = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 28, scale: 8, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Published = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    BatchId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_planning_observation", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "planning_plan_version",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Effective = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    BasedOnId = table.Column<int>(type: "INTEGER", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_planning_plan_version", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "planning_project_target",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 96, nullable: false),
                    Column = table.Column<int>(type: "INTEGER", nullable: false),
                    Item = table.Column<int>(type: "INTEGER", nullable: false),
                    ColumnTitleZh = table.Column<string>(type: "TEXT", nullable: false),
                    ColumnTitleEn = table.Column<string>(type: "TEXT", nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", nullable: false),
                    UnitZh = table.Column<string>(type: "TEXT", nullable: false),
                    UnitEn = table.Column<string>(type: "TEXT", nullable: false),
                    Comparison = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Target = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    TargetYear = table.Column<int>(type: "INTEGER", nullable: false),
                    PerYear = table.Column<bool>(type: "INTEGER", nullable: false),
                    Quote = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_planning_project_target", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "planning_indicator_target",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlanVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    IndicatorNo = table.Column<int>(type: "INTEGER", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Baseline = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    Target = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    Comparison = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AnnualGrowthPct = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    FiveYearChange = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_planning_indicator_target", x => x.Id);
                    table.ForeignKey(
                        name: "FK_planning_indicator_target_planning_indicator_IndicatorNo",
                        column: x => x.IndicatorNo,
                        principalTable: "planning_indicator",
                        principalColumn: "No",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_planning_indicator_target_planning_plan_version_PlanVersionId",
                        column: x => x.PlanVersionId,
                        principalTable: "planning_plan_version",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_planning_indicator_target_IndicatorNo",
                table: "planning_indicator_target",
                column: "IndicatorNo");

            migrationBuilder.CreateIndex(
                name: "IX_planning_indicator_target_PlanVersionId_IndicatorNo_RegionCode",
                table: "planning_indicator_target",
                columns: new[] { "PlanVersionId", "IndicatorNo", "RegionCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_planning_observation_Published",
                table: "planning_observation",
                column: "Published");

            migrationBuilder.CreateIndex(
                name: "IX_planning_observation_SubjectKind_SubjectKey_RegionCode_Period_Published",
                table: "planning_observation",
                columns: new[] { "SubjectKind", "SubjectKey", "RegionCode", "Period", "Published" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_planning_plan_version_Code",
                table: "planning_plan_version",
                column: "Code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "planning_data_element");

            migrationBuilder.DropTable(
                name: "planning_evaluation_snapshot");

            migrationBuilder.DropTable(
                name: "planning_import_batch");

            migrationBuilder.DropTable(
                name: "planning_indicator_target");

            migrationBuilder.DropTable(
                name: "planning_observation");

            migrationBuilder.DropTable(
                name: "planning_project_target");

            migrationBuilder.DropTable(
                name: "planning_indicator");

            migrationBuilder.DropTable(
                name: "planning_plan_version");
        }
    }
}

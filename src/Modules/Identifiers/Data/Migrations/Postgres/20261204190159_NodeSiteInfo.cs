using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IctGov.Identifiers.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NodeSiteInfo : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "SiteInfo",
                table: "identifiers_node",
                type: "bytea",
                maxLength: 65536,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SiteInfo",
                table: "identifiers_node");
        }
    }
}

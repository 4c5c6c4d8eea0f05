using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace IctGov.Audit.Data;

// Triggers are not part of EF's model, so the scaffolder cannot write them; these two migrations
// are written by hand, here rather than in Migrations/ (which holds only scaffolded code and is
// exempt from the analyzers). They apply after "Initial" by their ids.
//
// The triggers stop mistakes and casual edits through the platform's own connection. They are not
// the protection: anyone who can drop a trigger can edit a row, and the hash chain is what shows it.
//
// On SQLite, any later migration that rebuilds audit_entry (EF does so for most column changes)
// drops these triggers with the old table and must create them again; the trigger tests catch that.

/// <summary>Makes <c>audit_entry</c> append-only on SQLite.</summary>
[DbContext(typeof(SqliteAuditDbContext))]
[Migration("20261124004314_AppendOnly")]
internal sealed class SqliteAppendOnly : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
            BEGIN SELECT RAISE(ABORT, 'audit log is append-only: UPDATE of audit_entry is not allowed'); END;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
            BEGIN SELECT RAISE(ABORT, 'audit log is append-only: DELETE from audit_entry is not allowed'); END;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TRIGGER audit_entry_no_delete;");
        migrationBuilder.Sql("DROP TRIGGER audit_entry_no_update;");
    }
}

/// <summary>Makes <c>audit_entry</c> append-only on PostgreSQL, including TRUNCATE (which fires no row trigger).</summary>
[DbContext(typeof(PostgresAuditDbContext))]
[Migration("20261124004314_AppendOnly")]
internal sealed class PostgresAppendOnly : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit log is append-only: % of audit_entry is not allowed', TG_OP
                    USING ERRCODE = 'insufficient_privilege';
            END $$;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER audit_entry_no_update_delete BEFORE UPDATE OR DELETE ON audit_entry
                FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
                FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TRIGGER audit_entry_no_truncate ON audit_entry;");
        migrationBuilder.Sql("DROP TRIGGER audit_entry_no_update_delete ON audit_entry;");
        migrationBuilder.Sql("DROP FUNCTION audit_entry_append_only();");
    }
}

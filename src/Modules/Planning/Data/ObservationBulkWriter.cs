using System.Data;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace IctGov.Planning.Data;

/// <summary>
/// Writes an accepted import's observations inside the caller's transaction, below EF Core:
/// EF's SaveChanges spent 9.3 s of a 12.6 s import of 49,920 rows on change tracking and per-row
/// RETURNING (docs/BENCHMARKS.md). SQLite gets one prepared INSERT reused per row, PostgreSQL a
/// binary COPY. Values are written in the formats EF reads back (tests read them through EF).
/// </summary>
internal static class ObservationBulkWriter
{
    private static readonly string[] Columns =
        ["SubjectKind", "SubjectKey", "RegionCode", "Period", "PeriodKind", "PeriodEnd", "Value", "Status", "Published", "Source", "BatchId", "RecordedAt"];

    public static async Task WriteAsync(PlanningDbContext db, IReadOnlyList<Observation> rows, CancellationToken ct)
    {
        var tx = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("bulk writes must run inside the import's transaction");
        switch (db.Database.GetDbConnection())
        {
            case NpgsqlConnection pg:
                await CopyAsync(pg, rows, ct);
                break;
            case SqliteConnection sqlite:
                await InsertAsync(sqlite, (SqliteTransaction)tx, rows, ct);
                break;
            default:
                throw new NotSupportedException("unsupported database connection");
        }
    }

    private static async Task CopyAsync(NpgsqlConnection conn, IReadOnlyList<Observation> rows, CancellationToken ct)
    {
        var columns = string.Join(", ", Columns.Select(c => $"\"{c}\""));
        await using var import = await conn.BeginBinaryImportAsync($"COPY planning_observation ({columns}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var o in rows)
        {
            await import.StartRowAsync(ct);
            await import.WriteAsync(o.SubjectKind.ToString(), NpgsqlDbType.Text, ct);
            await import.WriteAsync(o.SubjectKey, NpgsqlDbType.Varchar, ct);
            await import.WriteAsync(o.RegionCode, NpgsqlDbType.Varchar, ct);
            await import.WriteAsync(o.Period, NpgsqlDbType.Varchar, ct);
            await import.WriteAsync(o.PeriodKind.ToString(), NpgsqlDbType.Varchar, ct);
            await import.WriteAsync(o.PeriodEnd, NpgsqlDbType.Date, ct);
            await import.WriteAsync(o.Value, NpgsqlDbType.Numeric, ct);
            await import.WriteAsync(o.Status.ToString(), NpgsqlDbType.Varchar, ct);
            await import.WriteAsync(o.Published, NpgsqlDbType.Date, ct);
            await import.WriteAsync(o.Source, NpgsqlDbType.Varchar, ct);
            await import.WriteAsync(o.BatchId, NpgsqlDbType.Uuid, ct);
            await import.WriteAsync(o.RecordedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
        }
        await import.CompleteAsync(ct);
    }

    private static async Task InsertAsync(SqliteConnection conn, SqliteTransaction tx, IReadOnlyList<Observation> rows, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT INTO planning_observation ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", Columns.Select((_, i) => "$p" + i))})";
        var p = Columns.Select((_, i) => cmd.Parameters.Add("$p" + i, i == 10 ? SqliteType.Text : SqliteType.Text)).ToArray();
        await cmd.PrepareAsync(ct);
        foreach (var o in rows)
        {
            p[0].Value = o.SubjectKind.ToString();
            p[1].Value = o.SubjectKey;
            p[2].Value = o.RegionCode;
            p[3].Value = o.Period;
            p[4].Value = o.PeriodKind.ToString();
            p[5].Value = o.PeriodEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            p[6].Value = o.Value.ToString(CultureInfo.InvariantCulture);
            p[7].Value = o.Status.ToString();
            p[8].Value = o.Published.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            p[9].Value = o.Source;
            p[10].Value = o.BatchId.ToString().ToUpperInvariant();
            p[11].Value = o.RecordedAt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }
}

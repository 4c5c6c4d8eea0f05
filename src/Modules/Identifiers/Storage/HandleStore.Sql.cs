using System.Data.Common;
using IctGov.Protocols.Handle;
using Npgsql;

namespace IctGov.Identifiers.Storage;

// The statements of single-handle reads and writes, on either engine.
internal sealed partial class HandleStore
{
    private static string KeyPrefix(string key) => HandleName.Prefix(key);

    private static async Task<string?> ReadValuesJsonAsync(DbConnection conn, DbTransaction? tx, string key, bool forUpdate, CancellationToken ct)
    {
        await using var cmd = Command(conn, tx, """SELECT "ValuesJson" FROM identifiers_handle WHERE "Key" = @k""" + (forUpdate && conn is NpgsqlConnection ? " FOR UPDATE" : ""));
        Add(cmd, "k", key);
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    private static async Task InsertOneAsync(DbConnection conn, DbTransaction tx, string key, string handle, List<HandleValue> values, string? batchId, CancellationToken ct)
    {
        await using var cmd = Command(conn, tx, """INSERT INTO identifiers_handle ("Key", "Handle", "Prefix", "ValuesJson", "CreatedAt", "BatchId") VALUES (@k, @h, @p, @v, @c, @b)""");
        Add(cmd, "k", key);
        Add(cmd, "h", handle);
        Add(cmd, "p", KeyPrefix(key));
        Add(cmd, "v", StoredValues.Serialize(values));
        Add(cmd, "c", values.Count > 0 ? (long)values[0].Timestamp : 0L);
        Add(cmd, "b", batchId);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task UpdateOneAsync(DbConnection conn, DbTransaction tx, string key, IReadOnlyList<HandleValue> values, CancellationToken ct)
    {
        await using var cmd = Command(conn, tx, """UPDATE identifiers_handle SET "ValuesJson" = @v WHERE "Key" = @k""");
        Add(cmd, "k", key);
        Add(cmd, "v", StoredValues.Serialize(values));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task AddCountAsync(DbConnection conn, DbTransaction tx, string prefix, long delta, CancellationToken ct)
    {
        await using var cmd = Command(conn, tx, """
            INSERT INTO identifiers_registration_count ("Prefix", "Count") VALUES (@p, @n)
            ON CONFLICT ("Prefix") DO UPDATE SET "Count" = identifiers_registration_count."Count" + excluded."Count"
            """);
        Add(cmd, "p", prefix);
        Add(cmd, "n", delta);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    internal static DbCommand Command(DbConnection conn, DbTransaction? tx, string sql)
    {
        var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd;
    }

    internal static void Add(DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
    }
}

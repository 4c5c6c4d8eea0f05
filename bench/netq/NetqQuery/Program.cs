using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;

// The direct-DuckDB peer of GET /api/v1/netq/summary: the same query on the same file, every value
// materialised, wall time per run (the connection is opened once, as the server's is). The query is
// the module's own, as `ictgov netq summary --sql …` prints it, so the two sides cannot drift apart.
//   NetqQuery --db FILE sql "SELECT ..."
// Options: --runs K (repeat; one line per run), --read-only, --print (rows as tab-separated text),
// --json FILE (the last run's rows as a JSON array of objects, as the API writes them).
string? db = null;
string? sqlText = null;
string? jsonPath = null;
var runs = 1;
var readOnly = false;
var print = false;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    var arg = args[i];
    switch (arg)
    {
        case "--db": db = Next(); break;
        case "--runs": runs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--read-only": readOnly = true; break;
        case "--print": print = true; break;
        case "--json": jsonPath = Next(); break;
        case "sql": sqlText = Next(); break;
        default:
            Console.Error.WriteLine($"unknown argument {arg}");
            return 2;
    }
}

if (db is null || sqlText is null || runs < 1)
{
    Console.Error.WriteLine("usage: NetqQuery --db FILE sql \"...\" [--runs K] [--read-only] [--print] [--json FILE]");
    return 2;
}

using var connection = new DuckDBConnection($"Data Source={db}" + (readOnly ? ";ACCESS_MODE=READ_ONLY" : ""));
connection.Open();
for (var run = 0; run < runs; run++)
{
    using var command = connection.CreateCommand();
    command.CommandText = sqlText;
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var rows = new List<object?[]>();
    string[] names = [];
    using (var reader = command.ExecuteReader())
    {
        do
        {
            names = [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)];
            while (reader.Read())
            {
                // Every value is read out, as the API does when it writes the rows.
                var values = new object?[reader.FieldCount];
                for (var c = 0; c < values.Length; c++)
                {
                    values[c] = reader.IsDBNull(c) ? null : reader.GetValue(c);
                }

                rows.Add(values);
            }
        }
        while (reader.NextResult());
    }

    var elapsed = clock.Elapsed.TotalMilliseconds;
    // CPU time (all threads of the process) as well as wall time: on a shared machine the wall
    // time of a run depends on the neighbours, its CPU time much less.
    var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run + 1}: {rows.Count} rows, {elapsed:F1} ms, cpu {cpuMs:F0} ms"));
    if (run == runs - 1)
    {
        if (print)
        {
            foreach (var row in rows)
            {
                Console.WriteLine(string.Join('\t', row.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))));
            }
        }

        if (jsonPath is not null)
        {
            WriteJson(jsonPath, names, rows);
        }
    }
}

return 0;

static void WriteJson(string path, string[] names, List<object?[]> rows)
{
    using var stream = File.Create(path);
    using var w = new Utf8JsonWriter(stream);
    w.WriteStartArray();
    foreach (var row in rows)
    {
        w.WriteStartObject();
        for (var i = 0; i < names.Length; i++)
        {
            w.WritePropertyName(names[i]);
            switch (row[i])
            {
                case null: w.WriteNullValue(); break;
                case double d when double.IsFinite(d): w.WriteNumberValue(d); break;
                case double: w.WriteNullValue(); break;
                case long or int or short or sbyte or byte or ulong or uint or ushort:
                    w.WriteNumberValue(Convert.ToInt64(row[i], CultureInfo.InvariantCulture)); break;
                case DateTime t: w.WriteStringValue(t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
                case DateOnly d: w.WriteStringValue(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
                default: w.WriteStringValue(Convert.ToString(row[i], CultureInfo.InvariantCulture)); break;
            }
        }

        w.WriteEndObject();
    }

    w.WriteEndArray();
}

using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;

// The direct-DuckDB peer of GET /api/v1/netq/summary: the same query on the same file, every row
// materialised, wall time per run. Also runs arbitrary SQL (--sql) for setup and inspection.
//   NetqQuery --db FILE summary [--group-by province,operator] [--from ISO] [--to ISO] [--technology T] [--runs K]
//   NetqQuery --db FILE sql "SELECT ..." [--runs K]
// --read-only opens the file read-only (allowed alongside other read-only processes).
string? db = null;
string? mode = null;
string? sqlText = null;
var groupBy = "province,operator";
string? from = null, to = null, technology = null;
var runs = 1;
var readOnly = false;
var print = false;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--db": db = Next(); break;
        case "--group-by": groupBy = Next(); break;
        case "--from": from = Next(); break;
        case "--to": to = Next(); break;
        case "--technology": technology = Next(); break;
        case "--runs": runs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--read-only": readOnly = true; break;
        case "--print": print = true; break;
        case "summary": mode = "summary"; break;
        case "sql": mode = "sql"; sqlText = Next(); break;
        default:
            Console.Error.WriteLine($"unknown argument {args[i]}");
            return 2;
    }
}

if (db is null || mode is null)
{
    Console.Error.WriteLine("usage: NetqQuery --db FILE (summary [--group-by a,b] [--from T] [--to T] [--technology X] | sql \"...\") [--runs K] [--read-only] [--print]");
    return 2;
}

using var connection = new DuckDBConnection($"Data Source={db}" + (readOnly ? ";ACCESS_MODE=READ_ONLY" : ""));
connection.Open();
for (var run = 0; run < runs; run++)
{
    using var command = connection.CreateCommand();
    if (mode == "summary")
    {
        command.CommandText = SummaryQuery.Sql(groupBy, from, to, technology, command);
    }
    else
    {
        command.CommandText = sqlText;
    }

    var clock = Stopwatch.StartNew();
    long rows = 0, cells = 0;
    using (var reader = command.ExecuteReader())
    {
        do
        {
            var values = new object[reader.FieldCount];
            while (reader.Read())
            {
                // Materialise every value, as the API does when it serialises the rows.
                cells += reader.GetValues(values);
                rows++;
                if (print)
                {
                    Console.WriteLine(string.Join('\t', values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))));
                }
            }
        }
        while (reader.NextResult());
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run + 1}: {rows} rows, {cells} values, {clock.Elapsed.TotalMilliseconds:F1} ms"));
}

return 0;

using System.Diagnostics;
using System.Globalization;
using IctGov.Audit;
using IctGov.Complaints;
using IctGov.Complaints.Domain;
using IctGov.Complaints.Features;
using IctGov.Kernel;
using IctGov.Kernel.Security;
using IctGov.Kernel.Time;
using IctGov.Planning;
using IctGov.Web.Modules;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

// A national year of complaints (2025: 31 provinces, 4 operators, 1,000 Internet companies) written
// into the module's own SQLite schema, then the indicator computations timed on it, each beside a
// peer: the same rule as one SQL aggregate in SQLite, which also checks the module's answer.
//   dotnet run -c Release --project bench/complaints/ComplaintsBench -- --dir /tmp/complaints-bench [--complaints 2000000] [--responses 200000] [--runs 5]
string? dir = null;
var complaints = 2_000_000;
var responses = 200_000;
var runs = 5;
for (var i = 0; i < args.Length; i++)
{
    string Next() => args[++i];
    switch (args[i])
    {
        case "--dir": dir = Next(); break;
        case "--complaints": complaints = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--responses": responses = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--runs": runs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        default: Console.Error.WriteLine($"unknown argument {args[i]}"); return 2;
    }
}
dir ??= Path.Combine(Path.GetTempPath(), "complaints-bench");
Directory.CreateDirectory(dir);
var storage = StorageOptions.Resolve(dir, "sqlite", null, _ => null);
var collection = new ServiceCollection().AddLogging()
    .AddSingleton<TimeProvider>(new FixedTime(new DateTimeOffset(2026, 2, 2, 2, 0, 0, TimeSpan.Zero))) // 10:00 Beijing, Monday 2 February 2026
    .AddSingleton<IOrganisationDirectory>(new Operators())
    .AddSingleton<IActorAccessor>(new BenchActor());
var set = ModuleSet.Of(new AuditModule(), new PlanningModule(), new ComplaintsModule());
set.AddServices(collection, storage);
await using var services = collection.BuildServiceProvider();
await set.InitializeAsync(services);
var calendar = services.GetRequiredService<ChinaCalendar>();

await using (var connection = new SqliteConnection(storage.ConnectionString))
{
    await connection.OpenAsync();
    using var count = connection.CreateCommand();
    count.CommandText = "SELECT COUNT(*) FROM complaints_complaint";
    if ((long)(await count.ExecuteScalarAsync())! == 0)
    {
        var clock = Stopwatch.StartNew();
        Generate(connection, calendar, complaints, responses);
        Console.WriteLine($"generated {complaints:N0} complaints and {responses:N0} survey responses in {clock.Elapsed.TotalSeconds:F1} s ({storage.ConnectionString})");
        clock.Restart();
        await using var scope = services.CreateAsyncScope();
        var (cells, respondentCells, dueCells) = await scope.ServiceProvider.GetRequiredService<ComplaintCounts>().RebuildAsync(CancellationToken.None);
        Console.WriteLine($"monitoring summary rebuilt from the complaints in {clock.Elapsed.TotalSeconds:F1} s: {cells:N0} cells, {respondentCells:N0} respondent cells, {dueCells:N0} deadline cells");
    }
}

var asOf = calendar.Today;
await TimeAsync("indicator 20, year 2025 (module: sums of the deadline cells of the summary)", async () =>
{
    await using var scope = services.CreateAsyncScope();
    var f = await scope.ServiceProvider.GetRequiredService<ComplaintIndicators>().TimelinessAsync("2025", asOf);
    return $"due {f[0].Due:N0}, on time {f[0].OnTime:N0}, rate {f[0].Rate}% ; {f.Count - 1} provinces";
});
await TimeAsync("indicator 20, year 2025 (module, before the summary: every due complaint through Timeliness.Compute)", async () =>
{
    await using var scope = services.CreateAsyncScope();
    var f = await scope.ServiceProvider.GetRequiredService<ComplaintIndicators>().TimelinessFromComplaintsAsync("2025", asOf);
    return $"due {f[0].Due:N0}, on time {f[0].OnTime:N0}, rate {f[0].Rate}% ; {f.Count - 1} provinces";
});
await TimeAsync("indicator 20, year 2025 (peer: one SQLite aggregate of the same rule)", async () =>
{
    await using var connection = new SqliteConnection(storage.ConnectionString);
    await connection.OpenAsync();
    using var q = connection.CreateCommand();
    q.CommandText = """
        SELECT SUM(counted), SUM(counted AND respondent_answered_on <= respondent_due) FROM (
          SELECT respondent_due, respondent_answered_on,
                 NOT COALESCE(outcome = 'withdrawn' AND closed_on <= respondent_due AND respondent_answered_on IS NULL, 0) AND respondent_due < $asOf AS counted
          FROM complaints_complaint
          WHERE kind = 'internet' AND state <> 'duplicate' AND respondent_due BETWEEN '2025-01-01' AND '2025-12-31')
        """;
    q.Parameters.AddWithValue("$asOf", asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    await using var r = await q.ExecuteReaderAsync();
    await r.ReadAsync();
    var (due, onTime) = (r.GetInt64(0), r.GetInt64(1));
    return $"due {due:N0}, on time {onTime:N0}, rate {Math.Round(onTime * 100m / due, 2)}%";
});
await TimeAsync("indicator 19, year 2025 (module: load + weighted roll-up + intervals)", async () =>
{
    await using var scope = services.CreateAsyncScope();
    var report = await scope.ServiceProvider.GetRequiredService<SatisfactionService>().ComputeAsync(2025);
    return $"n {report.Figures[0].Responses:N0}, index {report.Figures[0].Index} [{report.Figures[0].Low}, {report.Figures[0].High}]";
});
await TimeAsync("indicator 19, year 2025 (peer: SQLite AVG over the same responses)", async () =>
{
    await using var connection = new SqliteConnection(storage.ConnectionString);
    await connection.OpenAsync();
    using var q = connection.CreateCommand();
    q.CommandText = "SELECT COUNT(*), ROUND(AVG(index_value), 2) FROM complaints_survey_response WHERE survey_code IN ('mobile', 'broadband') AND responded_on BETWEEN '2025-01-01' AND '2025-12-31'";
    await using var r = await q.ExecuteReaderAsync();
    await r.ReadAsync();
    return $"n {r.GetInt64(0):N0}, index {r.GetDouble(1)}";
});
await TimeAsync("bulletin data, 2025-Q2 (page /complaints/bulletin, from the summary)", async () =>
{
    await using var scope = services.CreateAsyncScope();
    var b = await scope.ServiceProvider.GetRequiredService<ComplaintStatistics>().BulletinAsync(Period.OfQuarter(2025, 2));
    return $"received {b.Received:N0}, by topic {string.Join("/", b.ByTopic.Select(t => t.Count))}, China Mobile {b.Operators.Single(o => o.Key == "cm").Received:N0} handled {b.Operators.Single(o => o.Key == "cm").Handled:N0}";
});
await TimeAsync("bulletin data, 2025-Q2 (peer: SQLite GROUP BY over the complaints)", async () =>
{
    await using var connection = new SqliteConnection(storage.ConnectionString);
    await connection.OpenAsync();
    using var q = connection.CreateCommand();
    q.CommandText = """
        SELECT topic, COUNT(*), SUM(kind = 'telecom' AND respondent_id = 'cm'), SUM(kind = 'telecom' AND respondent_id = 'cm' AND state = 'closed' AND outcome <> 'withdrawn')
        FROM complaints_complaint WHERE received_on BETWEEN '2025-04-01' AND '2025-06-30' AND state <> 'duplicate' GROUP BY topic
        """;
    var topics = new Dictionary<string, long>();
    long cm = 0, cmHandled = 0;
    await using (var r = await q.ExecuteReaderAsync())
    {
        while (await r.ReadAsync())
        {
            topics[r.GetString(0)] = r.GetInt64(1);
            cm += r.GetInt64(2);
            cmHandled += r.GetInt64(3);
        }
    }
    return $"received {topics.Values.Sum():N0}, by topic {string.Join("/", Topics.All.Select(t => topics.GetValueOrDefault(t.Code)))}, China Mobile {cm:N0} handled {cmHandled:N0}";
});
await TimeAsync("monitoring data, year 2025 (page /complaints/monitor, from the summary: rankings, 12 months with indicator 20, topics)", async () =>
{
    await using var scope = services.CreateAsyncScope();
    var m = await scope.ServiceProvider.GetRequiredService<ComplaintStatistics>().MonitorAsync(Period.OfYear(2025));
    return $"received {m.Nation.Received:N0}, per million users {m.Nation.PerMillionUsers:F1}, Guangdong {m.Bulletin.Provinces.Single(p => p.Key == "440000").Received:N0}, "
        + $"months {string.Join("/", m.Months.Select(x => x.Telecom + x.Internet))}";
});
await TimeAsync("monitoring data, year 2025 (peer: SQLite GROUP BY over the complaints, by month and province)", async () =>
{
    await using var connection = new SqliteConnection(storage.ConnectionString);
    await connection.OpenAsync();
    using var q = connection.CreateCommand();
    q.CommandText = """
        SELECT substr(received_on, 1, 7), COUNT(*), SUM(region = '440000') FROM complaints_complaint
        WHERE received_on BETWEEN '2025-01-01' AND '2025-12-31' AND state <> 'duplicate' GROUP BY 1 ORDER BY 1
        """;
    var months = new List<long>();
    long guangdong = 0;
    await using (var r = await q.ExecuteReaderAsync())
    {
        while (await r.ReadAsync())
        {
            months.Add(r.GetInt64(1));
            guangdong += r.GetInt64(2);
        }
    }
    return $"received {months.Sum():N0}, Guangdong {guangdong:N0}, months {string.Join("/", months)}";
});
await TimeAsync("open complaints, ministry (page /complaints: every open complaint counted by clock, the 300 most urgent)", async () =>
{
    await using var scope = services.CreateAsyncScope();
    var (byClock, urgent) = await scope.ServiceProvider.GetRequiredService<ComplaintService>().OpenAsync(Actor.System("bench"), null, null, 300);
    return $"open {byClock.Values.Sum():N0} ({string.Join(", ", byClock.Select(kv => $"{kv.Key} {kv.Value:N0}"))}), listed {urgent.Count}, first due {urgent[0].Clock.Due}";
});
await TimeAsync("open complaints (peer: SQLite count of the open complaints and the 300 earliest answer deadlines)", async () =>
{
    await using var connection = new SqliteConnection(storage.ConnectionString);
    await connection.OpenAsync();
    using var q = connection.CreateCommand();
    q.CommandText = """
        SELECT (SELECT COUNT(*) FROM complaints_complaint WHERE state IN ('received', 'accepted', 'transferred', 'answered', 'mediating')),
               (SELECT MIN(d) FROM (SELECT CASE WHEN kind = 'telecom' THEN CASE WHEN state = 'received' THEN acceptance_due ELSE answer_due END
                                           WHEN state = 'transferred' THEN respondent_due END AS d
                                    FROM complaints_complaint WHERE state IN ('received', 'accepted', 'transferred', 'answered', 'mediating') ORDER BY d LIMIT 300) WHERE d IS NOT NULL)
        """;
    await using var r = await q.ExecuteReaderAsync();
    await r.ReadAsync();
    return $"open {r.GetInt64(0):N0}, first due {r.GetString(1)}";
});
return 0;

async Task TimeAsync(string what, Func<Task<string>> run)
{
    var result = await run(); // warm-up
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var clock = Stopwatch.StartNew();
        result = await run();
        times.Add(clock.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    Console.WriteLine($"{what}: median {times[times.Count / 2]:F0} ms (min {times[0]:F0}, max {times[^1]:F0}, {runs} runs) — {result}");
}

static void Generate(SqliteConnection connection, ChinaCalendar calendar, int complaints, int responses)
{
    var random = new Random(2025);
    var start = new DateOnly(2025, 1, 1);
    var days = Enumerable.Range(0, 365).Select(start.AddDays).ToArray();
    DateOnly Working(DateOnly d) => calendar.AddWorkingDays(d, 0);
    var provinces = Regions.Provinces.Select(p => p.Code).ToArray();
    // Heavier provinces first (a crude population weighting: 1 + position from the end).
    var provinceWeights = provinces.Select((_, i) => 1.0 + (i % 7)).ToArray();
    string[] operators = ["cm", "ct", "cu", "cbn"];
    double[] operatorWeights = [0.45, 0.25, 0.22, 0.08];
    string[] operatorNames = ["中国移动", "中国电信", "中国联通", "中国广电"];
    var companies = Enumerable.Range(1, 1000).Select(i => $"91{i:D6}MA0{i % 10}").ToArray();
    // Zipf-like: the biggest platforms draw most complaints.
    var companyWeights = Enumerable.Range(1, 1000).Select(i => 1.0 / i).ToArray();
    var topics = Topics.All.Select(t => t.Code).ToArray();

    using var tx = connection.BeginTransaction();
    using var insert = connection.CreateCommand();
    insert.Transaction = tx;
    string[] columns = ["kind", "region", "respondent_id", "respondent_name", "topic", "channel", "user_name", "user_phone", "user_address", "user_postcode", "claim", "facts",
        "event_date", "operator_complained_on", "operator_response", "received_on", "received_at", "state", "acceptance_due", "decided_on", "answer_due", "transferred_on",
        "respondent_due", "respondent_answered_on", "closed_on", "outcome", "rating", "rating_token_hash"];
    insert.CommandText = $"INSERT INTO complaints_complaint ({string.Join(",", columns)}) VALUES ({string.Join(",", columns.Select(c => "$" + c))})";
    var p = columns.ToDictionary(c => c, c => insert.Parameters.Add("$" + c, SqliteType.Text));
    static object D(DateOnly? d) => d is { } x ? x.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : DBNull.Value;
    insert.Prepare();
    for (var n = 0; n < complaints; n++)
    {
        var telecom = random.NextDouble() < 0.6;
        var received = Working(days[random.Next(days.Length)]);
        if (received.Year != 2025) received = new DateOnly(2025, 12, 31);
        var op = Pick(random, operatorWeights);
        var company = Pick(random, companyWeights);
        var (respondent, name) = telecom ? (operators[op], operatorNames[op]) : (companies[company], "互联网企业");
        // A telecom appeal goes to the centre of the user's province; an Internet complaint to the company's place of registration.
        var region = telecom ? provinces[Pick(random, provinceWeights)] : provinces[company % provinces.Length];
        var topic = topics[random.Next(topics.Length)];
        var roll = random.NextDouble();
        string state;
        string? outcome = null;
        DateOnly? decided = null, answerDue = null, transferred = null, respondentDue = null, answered = null, closed = null;
        int? rating = null;
        var acceptanceDue = telecom ? ComplaintRules.AcceptanceDue(received, calendar) : null;
        if (roll < 0.02)
        {
            state = States.Duplicate;
        }
        else if (roll < 0.05)
        {
            state = States.Rejected;
            decided = calendar.AddWorkingDays(received, random.Next(1, 6));
        }
        else
        {
            decided = calendar.AddWorkingDays(received, telecom ? random.Next(1, 7) : 0);
            answerDue = telecom ? ComplaintRules.AnswerDue(received, calendar) : null;
            transferred = decided;
            respondentDue = telecom ? ComplaintRules.DefaultOperatorDue(transferred.Value, answerDue, calendar) : ComplaintRules.InternetDue(transferred.Value, calendar);
            var r2 = random.NextDouble();
            answered = r2 < 0.88 ? calendar.AddWorkingDays(transferred.Value, random.Next(1, 11)) : r2 < 0.97 ? calendar.AddWorkingDays(transferred.Value, random.Next(11, 20)) : null;
            if (random.NextDouble() < 0.04)
            {
                (state, outcome, closed) = (States.Closed, Outcomes.Withdrawn, calendar.AddWorkingDays(transferred.Value, random.Next(1, 15)));
            }
            else if (answered is { } a)
            {
                (state, outcome, closed) = (States.Closed, random.NextDouble() < 0.7 ? Outcomes.Resolved : random.NextDouble() < 0.5 ? Outcomes.Mediated : Outcomes.NotResolved,
                    calendar.AddWorkingDays(a, random.Next(0, 5)));
                rating = random.NextDouble() < 0.5 ? random.Next(1, 6) : null;
            }
            else
            {
                state = States.Transferred;
            }
        }
        var values = new Dictionary<string, object>
        {
            ["kind"] = telecom ? ComplaintKinds.Telecom : ComplaintKinds.Internet, ["region"] = region, ["respondent_id"] = respondent,
            ["respondent_name"] = name, ["topic"] = topic, ["channel"] = "web", ["user_name"] = "用户", ["user_phone"] = $"13{n:D9}", ["user_address"] = "地址",
            ["user_postcode"] = "100000", ["claim"] = "请求", ["facts"] = "事实", ["event_date"] = D(received.AddDays(-random.Next(20, 60))),
            ["operator_complained_on"] = telecom ? D(received.AddDays(-random.Next(16, 19))) : DBNull.Value, ["operator_response"] = telecom ? OperatorResponses.NoAnswer : DBNull.Value,
            ["received_on"] = D(received), ["received_at"] = received.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 02:00:00+00:00", ["state"] = state,
            ["acceptance_due"] = D(acceptanceDue), ["decided_on"] = D(decided), ["answer_due"] = D(answerDue), ["transferred_on"] = D(transferred),
            ["respondent_due"] = D(respondentDue), ["respondent_answered_on"] = D(answered), ["closed_on"] = D(closed), ["outcome"] = (object?)outcome ?? DBNull.Value,
            ["rating"] = rating is { } x ? x : DBNull.Value, ["rating_token_hash"] = "",
        };
        foreach (var (c, v) in values)
        {
            p[c].Value = v;
        }
        insert.ExecuteNonQuery();
    }

    using var survey = connection.CreateCommand();
    survey.Transaction = tx;
    survey.CommandText = "INSERT INTO complaints_survey_response (survey_code, operator_id, region, responded_on, source, scores_json, index_value) VALUES ($s, $o, $r, $d, 'survey', $j, $v)";
    var (ps, po, pr, pd, pj, pv) = (survey.Parameters.Add("$s", SqliteType.Text), survey.Parameters.Add("$o", SqliteType.Text), survey.Parameters.Add("$r", SqliteType.Text),
        survey.Parameters.Add("$d", SqliteType.Text), survey.Parameters.Add("$j", SqliteType.Text), survey.Parameters.Add("$v", SqliteType.Real));
    survey.Prepare();
    var definitions = DefaultSurveys.All.Where(s => s.InIndex).ToArray();
    for (var n = 0; n < responses; n++)
    {
        var def = definitions[random.Next(definitions.Length)];
        var scores = def.Items.ToDictionary(i => i.Code, _ => (decimal)Math.Clamp(Math.Round(8.2 + (random.NextDouble() - 0.5) * 4, 1), 0, 10));
        (ps.Value, po.Value, pr.Value, pd.Value) = (def.Code, operators[Pick(random, operatorWeights)], provinces[Pick(random, provinceWeights)], D(days[random.Next(days.Length)]));
        pj.Value = System.Text.Json.JsonSerializer.Serialize(scores);
        pv.Value = def.Index(scores);
        survey.ExecuteNonQuery();
    }
    tx.Commit();
}

static int Pick(Random random, double[] weights)
{
    var x = random.NextDouble() * weights.Sum();
    for (var i = 0; i < weights.Length; i++)
    {
        x -= weights[i];
        if (x < 0) return i;
    }
    return weights.Length - 1;
}

/// <summary>The platform's clock, fixed at a chosen instant.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>The four basic operators, as the Access module would list them.</summary>
internal sealed class Operators : IOrganisationDirectory
{
    public Task<IReadOnlyList<OrganisationUnit>> ListAsync(CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<OrganisationUnit>>([new("cm", "Operator", "中国移动", "China Mobile", null, null), new("ct", "Operator", "中国电信", "China Telecom", null, null),
            new("cu", "Operator", "中国联通", "China Unicom", null, null), new("cbn", "Operator", "中国广电", "China Broadnet", null, null)]);
}

/// <summary>The bench acts as the local system.</summary>
internal sealed class BenchActor : IActorAccessor
{
    public Actor Current { get; } = Actor.System("bench");
}

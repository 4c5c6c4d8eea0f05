using System.CommandLine;
using IctGov.Identifiers.Contracts;
using IctGov.Kernel.Security;

namespace IctGov.Cli;

/// <summary><c>ictgov identifiers register|stats|publish-stats</c>: the identifier registry from the command line (ministry authority).</summary>
internal static class IdentifiersCommand
{
    public static Command Create() =>
        new("identifiers", "Industrial-internet identifier registry (工业互联网标识解析)") { Register(), Stats(), PublishStats(), AddPrefix() };

    private static Command Register()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "CSV handle,index,type,data (rows of one handle together) or JSON lines {\"handle\":…,\"values\":[…]} (.jsonl/.ndjson)" };
        var quietOption = new Option<bool>("--quiet") { Description = "Do not print a line per committed batch" };
        var timingsOption = new Option<bool>("--timings") { Description = "Print the time spent per phase (parse, permissions, validate, encode, digest, begin, insert, count, audit, commit, invalidate) on standard error" };
        var register = new Command("register", "Register identifiers in batches of up to 2000, each all or nothing; prints a line per committed batch. Re-running a file skips what is registered already with the same values") { file, quietOption, timingsOption };
        register.SetAction(async (parse, ct) =>
        {
            var f = parse.GetValue(file)!;
            var quiet = parse.GetValue(quietOption);
            if (!f.Exists)
            {
                Console.Error.WriteLine($"{f.FullName}: no such file");
                return 2;
            }
            await using var sp = await CommonOptions.OfflineAsync(parse, ct);
            var facade = sp.CreateScope().ServiceProvider.GetRequiredService<IIdentifiersFacade>();
            await using var stream = f.OpenRead();
            var jsonLines = f.Extension is ".jsonl" or ".ndjson" or ".json";
            var result = await facade.RegisterFileAsync(stream, jsonLines, Actor.System("cli"), b =>
            {
                // One line per committed batch, flushed at once: a script (or a test) knows exactly what is durable.
                if (!quiet)
                {
                    // A batch found registered already (a re-run after an interrupted run) says so instead of "committed".
                    Console.Out.WriteLine(b.Count == 0
                        ? $"already registered batch {b.Number} {b.AlreadyRegistered} {b.FirstHandle} {b.LastHandle}"
                        : $"committed batch {b.Number} {b.BatchId} {b.Count} {b.FirstHandle} {b.LastHandle}" + (b.AlreadyRegistered > 0 ? $" ({b.AlreadyRegistered} already registered)" : ""));
                    Console.Out.Flush();
                }
            }, ct);
            foreach (var p in result.Problems)
            {
                Console.Error.WriteLine($"{f.Name}: {p}");
            }
            var registered = result.Committed.Sum(c => c.Count);
            var already = result.Committed.Sum(c => c.AlreadyRegistered);
            Console.WriteLine($"{f.Name}: {registered} of {result.Records} identifier(s) registered in {result.Committed.Count(c => c.Count > 0)} batch(es), " +
                (already > 0 ? $"{already} registered already with the same values, " : "") +
                $"file read in {result.Reading.TotalSeconds:F2} s, registered in {result.Registering.TotalSeconds:F2} s ({registered / Math.Max(result.Registering.TotalSeconds, 1e-9):F0}/s)");
            if (parse.GetValue(timingsOption))
            {
                // Standard error, so the committed-batch lines on standard output stay the only thing a script parses there.
                foreach (var (phase, time) in result.Phases)
                {
                    Console.Error.WriteLine($"phase {phase,-12}{time.TotalSeconds,8:F2} s");
                }
            }
            return result.Complete ? 0 : 1;
        });
        return register;
    }

    private static Command Stats()
    {
        var stats = new Command("stats", "Registrations by prefix, industry and province; nodes by role");
        stats.SetAction(async (parse, ct) =>
        {
            await using var sp = await CommonOptions.OfflineAsync(parse, ct);
            var s = await sp.CreateScope().ServiceProvider.GetRequiredService<IIdentifiersFacade>().SummaryAsync(ct);
            Console.WriteLine($"registrations\t{s.Registrations}");
            Console.WriteLine($"public service nodes (secondary)\t{s.PublicServiceNodes}");
            Console.WriteLine($"resolutions today\t{s.ResolutionsToday}");
            void Print(string title, IReadOnlyList<IdentifierCount> rows)
            {
                Console.WriteLine();
                Console.WriteLine(title);
                foreach (var r in rows)
                {
                    Console.WriteLine($"  {r.Key}\t{r.Name}\t{r.Count}");
                }
            }
            Print("by prefix", s.ByPrefix);
            Print("by industry (GB/T 4754)", s.ByIndustry);
            Print("by province (GB/T 2260)", s.ByProvince);
            Print("nodes by role", s.NodesByRole);
            return 0;
        });

        return stats;
    }

    private static Command PublishStats()
    {
        var period = new Option<string>("--period") { Description = "The year to publish, e.g. 2026", Required = true };
        var publish = new Command("publish-stats", "Publish indicators 7 (public service nodes) and 15 (registrations, 100 million) for a year to the plan") { period };
        publish.SetAction(async (parse, ct) =>
        {
            await using var sp = await CommonOptions.OfflineAsync(parse, ct);
            var r = await sp.CreateScope().ServiceProvider.GetRequiredService<IIdentifiersFacade>().PublishAsync(parse.GetValue(period)!, Actor.System("cli"), ct);
            if (!r.Succeeded)
            {
                foreach (var line in r.Describe()) Console.Error.WriteLine(line);
                return 1;
            }
            Console.WriteLine($"published {parse.GetValue(period)}: indicator 7 = {r.Value!.PublicServiceNodes} node(s), indicator 15 = {r.Value.Registrations} registration(s)");
            return 0;
        });
        return publish;
    }

    private static Command AddPrefix()
    {
        var prefixArg = new Argument<string>("PREFIX") { Description = "e.g. 88.100 (secondary) or 88.100.1 (enterprise)" };
        var level = new Option<string>("--level") { Description = "national, secondary or enterprise", Required = true };
        var parent = new Option<string?>("--parent") { Description = "The prefix above, e.g. 88 for 88.100" };
        var owner = new Option<string>("--owner") { Description = "Owning organisation's name", Required = true };
        var ownerUnit = new Option<string?>("--owner-unit") { Description = "The owning organisation's unit id (its users may register under the prefix)" };
        var industry = new Option<string?>("--industry") { Description = "GB/T 4754 door code A–T" };
        var province = new Option<string?>("--province") { Description = "GB/T 2260 province code" };
        var demo = new Option<bool>("--demo") { Description = "Mark the prefix as demonstration data" };
        var addPrefix = new Command("add-prefix", "Register a prefix in the hierarchy (ministry authority)") { prefixArg, level, parent, owner, ownerUnit, industry, province, demo };
        addPrefix.SetAction(async (parse, ct) =>
        {
            await using var sp = await CommonOptions.OfflineAsync(parse, ct);
            var outcome = await sp.CreateScope().ServiceProvider.GetRequiredService<IIdentifiersFacade>().AddPrefixAsync(parse.GetValue(prefixArg)!, parse.GetValue(level)!,
                parse.GetValue(parent), parse.GetValue(owner)!, parse.GetValue(ownerUnit), parse.GetValue(industry), parse.GetValue(province), parse.GetValue(demo), Actor.System("cli"), ct);
            foreach (var p in outcome.Describe())
            {
                Console.Error.WriteLine(p);
            }
            if (outcome.Succeeded)
            {
                Console.WriteLine($"prefix {parse.GetValue(prefixArg)} registered");
            }
            return outcome.Succeeded ? 0 : 1;
        });
        return addPrefix;
    }
}

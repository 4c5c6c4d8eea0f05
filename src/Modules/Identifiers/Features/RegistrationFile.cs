using System.Globalization;
using System.Text;
using System.Text.Json;
using IctGov.Identifiers.Contracts;
using IctGov.Identifiers.Statistics;
using IctGov.Identifiers.Storage;
using IctGov.Kernel.Security;
using IctGov.Protocols.Handle;

namespace IctGov.Identifiers.Features;

/// <summary>A registration file's format error, naming the line.</summary>
internal sealed class RegistrationFileException(string message) : Exception(message);

/// <summary>Reads registration files: CSV handle,index,type,data (header optional) or JSON lines.</summary>
internal static class RegistrationFile
{
    public static async Task<List<HandleRecord>> ReadAsync(Stream stream, bool jsonLines, CancellationToken ct)
    {
        // A large buffer: with the default 4 KiB every hundred lines costs a read call.
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var records = new List<HandleRecord>();
        var lineNo = 0;
        string? currentHandle = null;
        List<HandleValue>? currentValues = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            lineNo++;
            if (line.Length == 0)
            {
                continue;
            }
            if (jsonLines)
            {
                try
                {
                    using var doc = JsonDocument.Parse("[" + line + "]");
                    if (doc.RootElement.GetArrayLength() != 1)
                    {
                        throw new RegistrationFileException($"line {lineNo}: expected one JSON object");
                    }
                    var one = RegistryApi.ParseBatch(doc.RootElement)[0];
                    if (!seen.Add(HandleName.Normalize(one.Handle)))
                    {
                        throw new RegistrationFileException($"line {lineNo}, handle: {one.Handle} appeared earlier");
                    }
                    records.Add(one);
                }
                catch (JsonException e)
                {
                    throw new RegistrationFileException($"line {lineNo}: not JSON ({e.Message})");
                }
                catch (HandleJsonException e)
                {
                    throw new RegistrationFileException($"line {lineNo}: {e.Message.Replace("record 1", "", StringComparison.Ordinal).TrimStart('.', ':', ' ')}");
                }
                continue;
            }
            var fields = SplitCsv(line, lineNo);
            if (lineNo == 1 && fields.Count > 0 && fields[0].Equals("handle", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (fields.Count != 4)
            {
                throw new RegistrationFileException($"line {lineNo}: expected 4 fields handle,index,type,data; got {fields.Count}");
            }
            if (!HandleName.IsValid(fields[0]))
            {
                throw new RegistrationFileException($"line {lineNo}, handle: '{fields[0]}' is not prefix/suffix");
            }
            if (!int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index <= 0)
            {
                throw new RegistrationFileException($"line {lineNo}, index: expected a positive whole number, got '{fields[1]}'");
            }
            if (fields[2].Length == 0)
            {
                throw new RegistrationFileException($"line {lineNo}, type: required");
            }
            if (fields[0] != currentHandle)
            {
                if (!seen.Add(HandleName.Normalize(fields[0])))
                {
                    throw new RegistrationFileException($"line {lineNo}, handle: {fields[0]} appeared earlier; keep the rows of one handle together");
                }
                currentHandle = fields[0];
                currentValues = [];
                records.Add(new HandleRecord(currentHandle, currentValues));
            }
            currentValues!.Add(HandleValue.Text(index, fields[2], fields[3]));
        }
        return records;
    }

    /// <summary>RFC 4180 fields of one line: commas separate, double quotes quote, "" is a quote.</summary>
    private static List<string> SplitCsv(string line, int lineNo)
    {
        if (!line.Contains('"', StringComparison.Ordinal))
        {
            return [.. line.Split(',')];
        }
        var fields = new List<string>();
        var sb = new StringBuilder();
        var i = 0;
        while (true)
        {
            sb.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        throw new RegistrationFileException($"line {lineNo}, field {fields.Count + 1}: unterminated quote");
                    }
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            sb.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    sb.Append(line[i++]);
                }
                if (i < line.Length && line[i] != ',')
                {
                    throw new RegistrationFileException($"line {lineNo}, field {fields.Count + 1}: text after a closing quote");
                }
            }
            else
            {
                while (i < line.Length && line[i] != ',')
                {
                    sb.Append(line[i++]);
                }
            }
            fields.Add(sb.ToString());
            if (i >= line.Length)
            {
                return fields;
            }
            i++; // the comma
        }
    }
}

/// <summary>The facade the host's command line uses.</summary>
internal sealed class IdentifiersFacade(Registration registration, IdentifierStatistics statistics, Registry.RegistryService registry, TimeProvider clock) : IIdentifiersFacade
{
    public async Task<IReadOnlyList<string>> AddPrefixAsync(string prefix, string level, string? parent, string ownerName, string? ownerUnitId, string? industry,
        string? province, bool demo, Actor actor, CancellationToken ct = default) =>
        (await registry.CreatePrefixAsync(new Registry.PrefixRequest(prefix, level, parent, ownerName, ownerUnitId, industry, province, demo), actor, ct)).Problems;

    public async Task<RegisterFileResult> RegisterFileAsync(Stream file, bool jsonLines, Actor actor, Action<CommittedBatch>? committed, CancellationToken ct = default)
    {
        List<HandleRecord> records;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            records = await RegistrationFile.ReadAsync(file, jsonLines, ct);
        }
        catch (RegistrationFileException e)
        {
            return new RegisterFileResult(0, [], [e.Message + " (nothing registered)"], watch.Elapsed, TimeSpan.Zero);
        }
        var read = watch.Elapsed;
        var done = new List<CommittedBatch>();
        for (var start = 0; start < records.Count; start += HandleStore.MaxBatch)
        {
            var batch = records.GetRange(start, Math.Min(HandleStore.MaxBatch, records.Count - start));
            var reply = await registration.RegisterBatchAsync(batch, actor, ct);
            if (reply.Status != 200)
            {
                var detail = reply.Violations.Count > 0 ? ": " + string.Join("; ", reply.Violations) : "";
                var record = reply.FailedRecord is { } r ? $", record {start + r} of the file" : "";
                return new RegisterFileResult(records.Count, done,
                    [$"batch {done.Count + 1}{record}: {reply.Message}{detail} (this batch and the rest not registered; {done.Count} batch(es) before it are)"], read, watch.Elapsed - read);
            }
            var c = new CommittedBatch(done.Count + 1, reply.BatchId!, batch.Count, batch[0].Handle, batch[^1].Handle);
            done.Add(c);
            committed?.Invoke(c);
        }
        return new RegisterFileResult(records.Count, done, [], read, watch.Elapsed - read);
    }

    public async Task<IdentifierSummary> SummaryAsync(CancellationToken ct = default)
    {
        var f = await statistics.ComputeAsync(ct);
        static List<IdentifierCount> Map(IEnumerable<CountBy> c) => c.Select(x => new IdentifierCount(x.Key, x.Name, x.Count)).ToList();
        var today = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var resolvedToday = f.ResolutionsPerDay.Where(d => d.Day == today).Sum(d => d.Resolved + d.NotFound);
        return new IdentifierSummary(f.Registrations, Map(f.ByPrefix), Map(f.ByIndustry), Map(f.ByProvince), Map(f.NodesByRole), f.PublicServiceNodes, resolvedToday);
    }

    public async Task<PublishSummary> PublishAsync(string period, Actor actor, CancellationToken ct = default)
    {
        var r = await statistics.PublishAsync(period, actor, ct);
        return new PublishSummary(r.Status == 200, r.Problem, r.PublicServiceNodes, r.Registrations);
    }
}

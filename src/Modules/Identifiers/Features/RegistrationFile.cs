using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using IctGov.Identifiers.Contracts;
using IctGov.Identifiers.Statistics;
using IctGov.Identifiers.Storage;
using IctGov.Kernel.Display;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Kernel.Time;
using IctGov.Protocols.Handle;

namespace IctGov.Identifiers.Features;

/// <summary>A registration file's format error, naming the line.</summary>
/// <summary>A registration file refused: the line (as an editor numbers it, from 1) and field at fault.</summary>
internal sealed class RegistrationFileException(RowError error) : Exception(error.ToString())
{
    public RegistrationFileException(long line, string field, string message) : this(new RowError(line, field, message)) { }

    public RowError Error { get; } = error;
}

/// <summary>
/// Reads registration files: CSV handle,index,type,data (header optional) or JSON lines, in UTF-8
/// (a byte-order mark is skipped; UTF-16 and invalid bytes are refused naming the line), lines
/// ending in LF or CRLF. The file is split into lines and fields as bytes: a handle
/// becomes one string, a value's data is copied once from the file's bytes into its array, and
/// value types are shared between rows, where reading lines as strings and splitting them made
/// half a dozen short-lived strings per row.
/// </summary>
internal static class RegistrationFile
{
    private const int ReadSize = 1 << 20;

    public static async Task<List<HandleRecord>> ReadAsync(Stream stream, bool jsonLines, CancellationToken ct)
    {
        var records = new List<HandleRecord>();
        var parser = new LineParser(records);
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
        try
        {
            var start = 0;
            var end = 0;
            var lineNo = 0;
            var first = true;
            var eof = false;
            while (true)
            {
                var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (newline < 0 && !eof)
                {
                    // Move the partial line to the front, grow when one line fills the buffer, read more.
                    if (start > 0)
                    {
                        buffer.AsSpan(start, end - start).CopyTo(buffer);
                        end -= start;
                        start = 0;
                    }
                    if (end == buffer.Length)
                    {
                        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, end).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }
                    var n = await stream.ReadAsync(buffer.AsMemory(end), ct);
                    if (n == 0)
                    {
                        eof = true;
                    }
                    end += n;
                    if (first && (end >= 3 || eof))
                    {
                        first = false;
                        start = SkipByteOrderMark(buffer.AsSpan(0, end));
                    }
                    continue;
                }
                if (newline < 0 && start == end)
                {
                    return records;
                }
                var lineLength = newline < 0 ? end - start : newline;
                var line = buffer.AsSpan(start, lineLength);
                start += newline < 0 ? lineLength : lineLength + 1;
                lineNo++;
                if (line.Length > 0 && line[^1] == (byte)'\r')
                {
                    line = line[..^1];
                }
                if (line.Length == 0)
                {
                    continue;
                }
                if (!System.Text.Unicode.Utf8.IsValid(line))
                {
                    throw new RegistrationFileException(lineNo, "row", $"byte {ValidPrefix(line) + 1} is not UTF-8 (save the file as UTF-8)");
                }
                if (jsonLines)
                {
                    parser.JsonLine(line, lineNo);
                }
                else
                {
                    parser.CsvLine(line, lineNo);
                }
                if ((lineNo & 0xFFFF) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int SkipByteOrderMark(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("\uFEFF"u8))
        {
            return 3;
        }
        if (head.Length >= 2 && (head[0], head[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
        {
            throw new RegistrationFileException(1, "file", "the file is UTF-16; save it as UTF-8");
        }
        return 0;
    }

    /// <summary>How many bytes at the start of <paramref name="line"/> are valid UTF-8.</summary>
    private static int ValidPrefix(ReadOnlySpan<byte> line)
    {
        var at = 0;
        while (at < line.Length)
        {
            if (Rune.DecodeFromUtf8(line[at..], out _, out var used) != OperationStatus.Done)
            {
                return at;
            }
            at += used;
        }
        return at;
    }

    /// <summary>The parser's state across lines: the handle being filled, the handles seen, the value types met so far.</summary>
    private sealed class LineParser(List<HandleRecord> records)
    {
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private readonly List<(byte[] Bytes, string Text)> _types = [];
        private readonly Field[] _fields = new Field[4];
        private byte[] _scratch = new byte[256];
        private byte[] _handleBytes = new byte[256];
        private int _handleLength = -1;
        private string? _handle;
        private List<HandleValue>? _values;

        /// <summary>A field's bytes: a range of the line, or of the scratch buffer when it was quoted.</summary>
        private readonly record struct Field(bool Quoted, int Start, int Length);

        public void JsonLine(ReadOnlySpan<byte> line, int lineNo)
        {
            var wrapped = new byte[line.Length + 2];
            wrapped[0] = (byte)'[';
            line.CopyTo(wrapped.AsSpan(1));
            wrapped[^1] = (byte)']';
            try
            {
                using var doc = JsonDocument.Parse(wrapped);
                if (doc.RootElement.GetArrayLength() != 1)
                {
                    throw new RegistrationFileException(lineNo, "row", "expected one JSON object");
                }
                var one = RegistryApi.ParseBatch(doc.RootElement)[0];
                if (!_seen.Add(HandleName.Normalize(one.Handle)))
                {
                    throw new RegistrationFileException(lineNo, "handle", $"{one.Handle} appeared earlier");
                }
                records.Add(one);
            }
            catch (JsonException e)
            {
                throw new RegistrationFileException(lineNo, "row", $"not JSON ({e.Message})");
            }
            catch (HandleJsonException e)
            {
                throw new RegistrationFileException(lineNo, "row", $"{e.Message.Replace("record 1", "", StringComparison.Ordinal).TrimStart('.', ':', ' ')}");
            }
        }

        public void CsvLine(ReadOnlySpan<byte> line, int lineNo)
        {
            var count = Split(line, lineNo);
            if (lineNo == 1 && Ascii.EqualsIgnoreCase(Bytes(line, _fields[0]), "handle"u8))
            {
                return;
            }
            if (count != 4)
            {
                throw new RegistrationFileException(lineNo, "row", $"expected 4 fields handle,index,type,data; got {count}");
            }
            var handleBytes = Bytes(line, _fields[0]);
            var sameHandle = _handleLength == handleBytes.Length && handleBytes.SequenceEqual(_handleBytes.AsSpan(0, _handleLength));
            var handle = sameHandle ? _handle! : Encoding.UTF8.GetString(handleBytes);
            if (!sameHandle && !HandleName.IsValid(handle))
            {
                throw new RegistrationFileException(lineNo, "handle", $"'{handle}' is not prefix/suffix");
            }
            var indexBytes = Bytes(line, _fields[1]);
            if (!TryParseIndex(indexBytes, out var index))
            {
                throw new RegistrationFileException(lineNo, "index", $"expected a positive whole number, got '{Encoding.UTF8.GetString(indexBytes)}'");
            }
            var typeBytes = Bytes(line, _fields[2]);
            if (typeBytes.Length == 0)
            {
                throw new RegistrationFileException(lineNo, "type", $"required");
            }
            var type = Type(typeBytes);
            var data = Bytes(line, _fields[3]).ToArray();
            if (!sameHandle)
            {
                if (!_seen.Add(HandleName.Normalize(handle)))
                {
                    throw new RegistrationFileException(lineNo, "handle", $"{handle} appeared earlier; keep the rows of one handle together");
                }
                if (_handleBytes.Length < handleBytes.Length)
                {
                    _handleBytes = new byte[handleBytes.Length * 2];
                }
                handleBytes.CopyTo(_handleBytes);
                _handleLength = handleBytes.Length;
                _handle = handle;
                _values = [];
                records.Add(new HandleRecord(handle, _values));
            }
            _values!.Add(new HandleValue { Index = index, Type = type, Data = data });
        }

        private ReadOnlySpan<byte> Bytes(ReadOnlySpan<byte> line, Field f) => (f.Quoted ? _scratch : line).Slice(f.Start, f.Length);

        /// <summary>NumberStyles.None as before: digits only, no sign or spaces; positive and within int.</summary>
        private static bool TryParseIndex(ReadOnlySpan<byte> text, out int index)
        {
            index = 0;
            if (text.IsEmpty || text.Length > 10)
            {
                return false;
            }
            long n = 0;
            foreach (var b in text)
            {
                if (b is < (byte)'0' or > (byte)'9')
                {
                    return false;
                }
                n = n * 10 + (b - '0');
            }
            if (n is <= 0 or > int.MaxValue)
            {
                return false;
            }
            index = (int)n;
            return true;
        }

        /// <summary>One string per distinct value type (a file has a handful), found by its bytes.</summary>
        private string Type(ReadOnlySpan<byte> bytes)
        {
            foreach (var (b, text) in _types)
            {
                if (bytes.SequenceEqual(b))
                {
                    return text;
                }
            }
            var s = Encoding.UTF8.GetString(bytes);
            if (_types.Count < 64)
            {
                _types.Add((bytes.ToArray(), s));
            }
            return s;
        }

        /// <summary>RFC 4180 fields of one line: commas separate, double quotes quote, "" is a quote. Returns the number of fields; the first four are kept.</summary>
        private int Split(ReadOnlySpan<byte> line, int lineNo)
        {
            var count = 0;
            var scratchUsed = 0;
            var i = 0;
            while (true)
            {
                Field field;
                if (i < line.Length && line[i] == (byte)'"')
                {
                    i++;
                    var start = scratchUsed;
                    while (true)
                    {
                        var quote = line[i..].IndexOf((byte)'"');
                        if (quote < 0)
                        {
                            throw new RegistrationFileException(lineNo, $"field {count + 1}", "unterminated quote");
                        }
                        Append(line.Slice(i, quote), ref scratchUsed);
                        i += quote + 1;
                        if (i < line.Length && line[i] == (byte)'"')
                        {
                            Append("\""u8, ref scratchUsed);
                            i++;
                            continue;
                        }
                        break;
                    }
                    if (i < line.Length && line[i] != (byte)',')
                    {
                        throw new RegistrationFileException(lineNo, $"field {count + 1}", "text after a closing quote");
                    }
                    field = new Field(true, start, scratchUsed - start);
                }
                else
                {
                    var comma = line[i..].IndexOf((byte)',');
                    var length = comma < 0 ? line.Length - i : comma;
                    field = new Field(false, i, length);
                    i += length;
                }
                if (count < _fields.Length)
                {
                    _fields[count] = field;
                }
                count++;
                if (i >= line.Length)
                {
                    return count;
                }
                i++; // the comma
            }
        }

        private void Append(ReadOnlySpan<byte> bytes, ref int used)
        {
            if (_scratch.Length - used < bytes.Length)
            {
                Array.Resize(ref _scratch, Math.Max(_scratch.Length * 2, used + bytes.Length));
            }
            bytes.CopyTo(_scratch.AsSpan(used));
            used += bytes.Length;
        }
    }
}

/// <summary>The facade the host's command line uses.</summary>
internal sealed class IdentifiersFacade(Registration registration, IdentifierStatistics statistics, Registry.RegistryService registry, TimeProvider clock) : IIdentifiersFacade
{
    public Task<Outcome<Done>> AddPrefixAsync(string prefix, string level, string? parent, string ownerName, string? ownerUnitId, string? industry,
        string? province, bool demo, Actor actor, CancellationToken ct = default) =>
        registry.CreatePrefixAsync(new Registry.PrefixRequest(prefix, level, parent, ownerName, ownerUnitId, industry, province, demo), actor, ct);

    /// <summary>A batch on its way from the checking thread to the writing one.</summary>
    private readonly record struct Checked(int Start, int Count, BatchReply? Refused, PreparedRegistration? Prepared);

    public async Task<RegisterFileResult> RegisterFileAsync(Stream file, bool jsonLines, Actor actor, Action<CommittedBatch>? committed, CancellationToken ct = default)
    {
        var timings = new RegistrationTimings();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        List<HandleRecord> records;
        try
        {
            records = await RegistrationFile.ReadAsync(file, jsonLines, ct);
        }
        catch (RegistrationFileException e)
        {
            timings.Add(RegistrationPhase.Parse, started);
            return new RegisterFileResult(0, [], [e.Error with { Message = e.Error.Message + " (nothing registered)" }], timings[RegistrationPhase.Parse], TimeSpan.Zero) { Phases = timings.ToList() };
        }
        var registering = timings.Add(RegistrationPhase.Parse, started);
        var read = timings[RegistrationPhase.Parse];

        // Two stages on two threads: batch N+1 is checked (permissions, templates), encoded and
        // digested while batch N is in its transaction; each takes about half of a batch's time.
        // The whole file was read and checked above, so no batch commits before a format error is
        // found. The prefixes (and the actor's right to them) are looked up once per run.
        var queue = Channel.CreateBounded<Checked>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var checker = Task.Run(async () =>
        {
            var prefixes = new Dictionary<string, Data.PrefixRow?>(StringComparer.Ordinal);
            try
            {
                for (var start = 0; start < records.Count; start += HandleStore.MaxBatch)
                {
                    var batch = records.GetRange(start, Math.Min(HandleStore.MaxBatch, records.Count - start));
                    var (refused, prepared) = await registration.PrepareAsync(batch, actor, timings, stop.Token, prefixes);
                    try
                    {
                        await queue.Writer.WriteAsync(new Checked(start, batch.Count, refused, prepared), stop.Token);
                    }
                    catch
                    {
                        prepared?.Dispose();
                        throw;
                    }
                    if (refused is not null)
                    {
                        break;
                    }
                }
                queue.Writer.Complete();
            }
            catch (Exception e)
            {
                queue.Writer.Complete(e);
            }
        }, CancellationToken.None);

        var done = new List<CommittedBatch>();
        try
        {
            await foreach (var item in queue.Reader.ReadAllAsync(ct))
            {
                using var prepared = item.Prepared;
                var reply = item.Refused ?? await registration.CommitAsync(prepared!, actor, timings, ct);
                var already = 0;
                if (reply is { Status: 409, ResponseCode: 101 } && item.Refused is null)
                {
                    // A re-run of the file: what is registered with the same values is skipped, the rest of the batch goes in.
                    (reply, already) = await RegisterRestAsync(records.GetRange(item.Start, item.Count), actor, timings, ct);
                }
                if (reply.Status != 200)
                {
                    // The store's message for a template refusal names the violations already.
                    var detail = reply.Violations.Count > 0 && reply.Message?.Contains(reply.Violations[0].ToString(), StringComparison.Ordinal) != true
                        ? ": " + string.Join("; ", reply.Violations) : "";
                    var record = reply.FailedRecord is { } r ? $", record {item.Start + r} of the file" : "";
                    return new RegisterFileResult(records.Count, done,
                        [new RowError(0, $"batch {done.Count + 1}{record}", $"{reply.Message}{detail} (this batch and the rest not registered; {done.Count} batch(es) before it are)")],
                        read, System.Diagnostics.Stopwatch.GetElapsedTime(registering)) { Phases = timings.ToList() };
                }
                var c = new CommittedBatch(done.Count + 1, reply.BatchId ?? "", item.Count - already, records[item.Start].Handle, records[item.Start + item.Count - 1].Handle)
                {
                    AlreadyRegistered = already,
                };
                done.Add(c);
                committed?.Invoke(c);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await checker;
            while (queue.Reader.TryRead(out var left))
            {
                left.Prepared?.Dispose();
            }
        }
        return new RegisterFileResult(records.Count, done, [], read, System.Diagnostics.Stopwatch.GetElapsedTime(registering)) { Phases = timings.ToList() };
    }

    /// <summary>
    /// A batch that clashed with registered handles: registered again without those registered with the same values, or refused
    /// naming the first registered with other values. Returns the reply and how many were registered already.
    /// </summary>
    private async Task<(BatchReply Reply, int Already)> RegisterRestAsync(List<HandleRecord> batch, Actor actor, RegistrationTimings timings, CancellationToken ct)
    {
        var (fresh, same, differs) = await registration.SplitRegisteredAsync(batch, ct);
        if (differs is not null)
        {
            return (differs, 0);
        }
        if (fresh.Count == 0)
        {
            return (new BatchReply(200, 1, null, 0, null, null, null, []), same);
        }
        var (refused, prepared) = await registration.PrepareAsync(fresh, actor, timings, ct);
        using (prepared)
        {
            return (refused ?? await registration.CommitAsync(prepared!, actor, timings, ct), same);
        }
    }

    public async Task<IdentifierSummary> SummaryAsync(CancellationToken ct = default)
    {
        var f = await statistics.ComputeAsync(ct);
        static List<IdentifierCount> Map(IEnumerable<CountBy> c) => c.Select(x => new IdentifierCount(x.Key, x.Name, x.Count)).ToList();
        var today = Format.Date(ChinaCalendar.ToChinaDate(clock.GetUtcNow()));
        var resolvedToday = f.ResolutionsPerDay.Where(d => d.Day == today).Sum(d => d.Resolved + d.NotFound);
        return new IdentifierSummary(f.Registrations, Map(f.ByPrefix), Map(f.ByIndustry), Map(f.ByProvince), Map(f.NodesByRole), f.PublicServiceNodes, resolvedToday);
    }

    public async Task<Outcome<PublishSummary>> PublishAsync(string period, Actor actor, CancellationToken ct = default)
    {
        var r = await statistics.PublishAsync(period, actor, ct);
        return r.Succeeded ? Outcome.Ok(new PublishSummary(r.Value!.PublicServiceNodes, r.Value.Registrations)) : r.Cast<PublishSummary>();
    }
}

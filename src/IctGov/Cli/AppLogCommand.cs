using System.CommandLine;
using System.Text.Json.Nodes;
using IctGov.AppLog.Contracts;

namespace IctGov.Cli;

/// <summary>
/// <c>ictgov applog verify inclusion|consistency</c>: checks of the APP signature transparency log that
/// need nothing but what the log serves (checkpoint, verifier key, proofs), no database and no server.
/// Exit 0 when the check holds, 1 when it does not, 2 when an input cannot be read.
/// </summary>
internal static class AppLogCommand
{
    public static Command Create() =>
        new("applog", "APP signature transparency log (APP签名透明日志)") { new Command("verify", "Verify the log offline, from files it served") { Inclusion(), Consistency() } };

    private static readonly Option<FileInfo> VkeyOption = new("--vkey") { Description = "The log's verifier key (as served at /applog/vkey)", Required = true };
    private static readonly Option<FileInfo> ProofOption = new("--proof") { Description = "The proof as the API answers it (JSON with a \"proof\" array of base64 hashes)", Required = true };

    private static Command Inclusion()
    {
        var checkpoint = new Option<FileInfo>("--checkpoint") { Description = "The signed checkpoint (as served at /applog/checkpoint)", Required = true };
        var index = new Option<long>("--index") { Description = "The entry's index in the log", Required = true };
        var entry = new Option<FileInfo?>("--entry") { Description = "The entry's bytes (from an entry bundle)" };
        var leafHash = new Option<string?>("--leaf-hash") { Description = "Instead of --entry: its leaf hash, base64 or hexadecimal" };
        var command = new Command("inclusion", "Check that an entry is in the tree of a signed checkpoint") { VkeyOption, checkpoint, index, entry, leafHash, ProofOption };
        command.SetAction(parse =>
        {
            if (!TryRead(parse.GetValue(VkeyOption)!, out var vkey) || !TryRead(parse.GetValue(checkpoint)!, out var note) || !TryProof(parse.GetValue(ProofOption)!, out var proof))
            {
                return 2;
            }
            var entryFile = parse.GetValue(entry);
            if (entryFile is { Exists: false })
            {
                Console.Error.WriteLine($"{entryFile.FullName}: no such file");
                return 2;
            }
            var bytes = entryFile is null ? null : File.ReadAllBytes(entryFile.FullName);
            return Report(AppLogVerifier.Inclusion(vkey.Trim(), note, bytes, parse.GetValue(leafHash), parse.GetValue(index), proof));
        });
        return command;
    }

    private static Command Consistency()
    {
        var older = new Option<FileInfo>("--old") { Description = "The older signed checkpoint", Required = true };
        var newer = new Option<FileInfo>("--new") { Description = "The newer signed checkpoint", Required = true };
        var command = new Command("consistency", "Check that a newer checkpoint's tree extends an older one's (nothing rewritten or removed)") { VkeyOption, older, newer, ProofOption };
        command.SetAction(parse =>
        {
            if (!TryRead(parse.GetValue(VkeyOption)!, out var vkey) || !TryRead(parse.GetValue(older)!, out var o) || !TryRead(parse.GetValue(newer)!, out var n) || !TryProof(parse.GetValue(ProofOption)!, out var proof))
            {
                return 2;
            }
            return Report(AppLogVerifier.Consistency(vkey.Trim(), o, n, proof));
        });
        return command;
    }

    private static int Report(LogVerification result)
    {
        (result.Valid ? Console.Out : Console.Error).WriteLine(result.Message);
        return result.Valid ? 0 : 1;
    }

    private static bool TryRead(FileInfo file, out string text)
    {
        text = "";
        if (!file.Exists)
        {
            Console.Error.WriteLine($"{file.FullName}: no such file");
            return false;
        }
        text = File.ReadAllText(file.FullName);
        return true;
    }

    private static bool TryProof(FileInfo file, out List<string> proof)
    {
        proof = [];
        if (!TryRead(file, out var json))
        {
            return false;
        }
        try
        {
            proof = JsonNode.Parse(json)?["proof"]?.AsArray().Select(h => (string)h!).ToList()
                ?? throw new FormatException("no \"proof\" array");
            return true;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or InvalidOperationException)
        {
            Console.Error.WriteLine($"{file.FullName}: expected the API's proof JSON with a \"proof\" array of base64 hashes ({e.Message})");
            return false;
        }
    }
}

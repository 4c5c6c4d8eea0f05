using System.CommandLine;
using IctGov.Audit.Contracts;

namespace IctGov.Cli;

internal static class AuditCommand
{
    public static Command Create()
    {
        var expectHead = new Option<string?>("--expect-head")
        {
            Description = "The head printed by an earlier run, SEQ:HASH; by default the last head the platform wrote down (Audit:Witness:File). The chain alone cannot show entries removed from the end; a head can",
        };
        var verify = new Command("verify", "Check the audit log's hash chain: exit 0 and print the head when intact, exit 1 and the first edited or removed entry when not") { expectHead };
        verify.SetAction(async (parse, ct) =>
        {
            AuditHead? expected = null;
            if (parse.GetValue(expectHead) is { } text && !AuditHead.TryParse(text, out expected))
            {
                Console.Error.WriteLine($"--expect-head '{text}' is not a head: expected SEQ:HASH, e.g. 42:{new string('0', 64)} (64 hexadecimal digits)");
                return 2;
            }
            await using var sp = await CommonOptions.OfflineAsync(parse, ct);
            await using var scope = sp.CreateAsyncScope();
            if (expected is null)
            {
                var witness = scope.ServiceProvider.GetRequiredService<IAuditHeadWitness>();
                try
                {
                    expected = await witness.LastAsync(ct);
                }
                catch (InvalidDataException e)
                {
                    Console.Error.WriteLine($"audit log NOT verifiable: {e.Message}");
                    return 1;
                }
                if (expected is not null)
                {
                    Console.WriteLine($"checked against the head written down in {witness.File}: {expected}");
                }
            }
            var result = await scope.ServiceProvider.GetRequiredService<IAuditVerifier>().VerifyAsync(expected, ct);
            if (result.Problem is { } p)
            {
                Console.Error.WriteLine($"audit log NOT intact: entry {p.Seq}: {p.Kind.WireName()}: {p.Message}");
                Console.Error.WriteLine($"{result.Count} entries verified before it, up to {result.Head}");
                return 1;
            }
            Console.WriteLine($"audit log intact: {result.Count} entries");
            Console.WriteLine($"head {result.Head}");
            return 0;
        });
        return new Command("audit", "The audit log of every write and approval") { verify };
    }
}

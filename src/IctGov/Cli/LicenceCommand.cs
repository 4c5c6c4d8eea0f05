using System.CommandLine;
using System.Text.Json;
using IctGov.Kernel.Time;
using IctGov.Market.Contracts;

namespace IctGov.Cli;

/// <summary><c>ictgov licence verify FILE --root ROOT.pem</c>: an electronic licence checked with nothing but the file and the root certificate.</summary>
internal static class LicenceCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The electronic licence (the signed JSON file)" };
        var root = new Option<FileInfo>("--root") { Description = "The platform's root certificate (PEM), from /api/v1/market/verify/root.pem", Required = true };
        var revoked = new Option<FileInfo?>("--revoked") { Description = "The platform's list of revoked numbers (JSON array, from /api/v1/market/verify/revoked), to report revocations offline" };
        var verify = new Command("verify", "Verify an electronic licence offline: exit 0 and 'valid', or exit 1 and tampered, revoked or expired") { file, root, revoked };
        verify.SetAction(parse =>
        {
            var f = parse.GetValue(file)!;
            var r = parse.GetValue(root)!;
            if (!f.Exists || !r.Exists)
            {
                Console.Error.WriteLine($"not found: {(f.Exists ? r.FullName : f.FullName)}");
                return 2;
            }
            IReadOnlyCollection<string>? list = null;
            if (parse.GetValue(revoked) is { } rv)
            {
                try
                {
                    list = JsonSerializer.Deserialize<List<string>>(File.ReadAllText(rv.FullName)) ?? [];
                }
                catch (JsonException e)
                {
                    Console.Error.WriteLine($"--revoked {rv.Name}: expected a JSON array of licence numbers ({e.Message})");
                    return 2;
                }
            }
            var result = ElectronicLicence.Verify(File.ReadAllText(f.FullName), File.ReadAllText(r.FullName), ChinaCalendar.ToChinaDate(TimeProvider.System.GetUtcNow()), list);
            Console.WriteLine($"{result.Verdict}: {result.Message}");
            return result.Verdict == "valid" ? 0 : 1;
        });
        return new Command("licence", "Telecom business licences (电信业务经营许可证)") { verify };
    }
}

using System.CommandLine;
using IctGov.Market.Contracts;

namespace IctGov.Cli;

/// <summary><c>ictgov inspection rerun FILE</c>: a published 双随机 draw re-run from its own inputs, needing nothing but the file.</summary>
internal static class InspectionCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The published draw (JSON, from /api/v1/market/inspections/draws/{id})" };
        var rerun = new Command("rerun", "Re-run a published random draw: exit 0 when its seed and result are reproduced exactly, 1 when not") { file };
        rerun.SetAction(parse =>
        {
            var f = parse.GetValue(file)!;
            if (!f.Exists)
            {
                Console.Error.WriteLine($"not found: {f.FullName}");
                return 2;
            }
            var (reproduced, message) = InspectionDraw.Rerun(File.ReadAllText(f.FullName));
            Console.WriteLine((reproduced ? "" : "differs: ") + message);
            return reproduced ? 0 : 1;
        });
        return new Command("inspection", "双随机、一公开 random inspections") { rerun };
    }
}

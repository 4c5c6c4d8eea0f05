using System.CommandLine;

namespace IctGov.Cli;

internal static class MigrateCommand
{
    public static Command Create()
    {
        var cmd = new Command("migrate", "Create or upgrade the database schema and load the plan catalogue, then exit");
        cmd.SetAction(async (parse, ct) =>
        {
            await using var sp = await CommonOptions.OfflineAsync(parse, ct);
            Console.WriteLine($"database ready: {CommonOptions.Storage(parse).Provider}");
            return 0;
        });
        return cmd;
    }
}

using System.CommandLine;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace IctGov.Cli;

internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on (ASP.NET Core --urls), default http://localhost:5000" };
        var cmd = new Command("serve", "Run the web platform (dashboard, API, OpenAPI at /openapi/v1.json, interactive at /api-docs)") { urls };
        // Anything else (e.g. --environment) is ASP.NET Core configuration and passed through.
        cmd.TreatUnmatchedTokensAsErrors = false;
        cmd.SetAction(async (parse, ct) =>
        {
            var storage = CommonOptions.Storage(parse);
            var aspNetArgs = parse.UnmatchedTokens.ToList();
            aspNetArgs.AddRange(["--urls", parse.GetValue(urls) ?? Environment.GetEnvironmentVariable("ASPNETCORE_URLS") ?? "http://localhost:5000"]);
            var app = PlatformHost.Build([.. aspNetArgs], storage);
            await app.Services.InitializePlatformAsync(ct);
            await app.StartAsync(ct);
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            Console.WriteLine($"IctGov is running ({storage.Provider}, data: {storage.DataDirectory})");
            foreach (var a in addresses)
            {
                Console.WriteLine($"  open {a}/");
            }
            await app.WaitForShutdownAsync(ct);
            return 0;
        });
        return cmd;
    }
}

using System.Net.Http.Headers;
using IctGov.Kernel;
using IctGov.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IctGov.Tests;

/// <summary>The real platform (same builder as <c>ictgov serve</c>) on a loopback port chosen by the OS.</summary>
public sealed class PlatformServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TestDatabase _db;

    private PlatformServer(WebApplication app, TestDatabase db, Uri address, FakeTimeProvider clock)
    {
        _app = app;
        _db = db;
        BaseAddress = address;
        Clock = clock;
        Http = new HttpClient { BaseAddress = address };
        Http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public Uri BaseAddress { get; }
    public HttpClient Http { get; }
    public FakeTimeProvider Clock { get; }
    public StorageOptions Storage => _db.Storage;

    public static async Task<PlatformServer> StartAsync(DatabaseProvider provider = DatabaseProvider.Sqlite, DateTimeOffset? now = null)
    {
        var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(now ?? new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var app = PlatformHost.Build(["--urls", "http://127.0.0.1:0", "--environment", "Production"], db.Storage, clock);
        await app.Services.InitializePlatformAsync();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new PlatformServer(app, db, new Uri(address), clock);
    }

    public async Task<HttpResponseMessage> PostCsvAsync(string csv)
    {
        using var content = new StringContent(csv, System.Text.Encoding.UTF8, "text/csv");
        return await Http.PostAsync("/api/v1/observations/import", content);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _db.DisposeAsync();
    }
}

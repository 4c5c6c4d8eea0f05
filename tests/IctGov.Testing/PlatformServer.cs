using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using IctGov.Access.Contracts;
using IctGov.Kernel;
using IctGov.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IctGov.Testing;

/// <summary>
/// The real platform (same builder as <c>ictgov serve</c>) on a loopback port chosen by the OS, with
/// a ministry administrator signed in on <see cref="Admin"/> and helpers to create users, sign in
/// and call with a token. Shared by the host's and the Access module's tests.
/// </summary>
public sealed partial class PlatformServer : IAsyncDisposable
{
    public const string AdminUser = "ministry-admin";
    public const string AdminPassword = "ministry-admin-password-1";

    private readonly WebApplication _app;
    private readonly TestDatabase _db;

    private PlatformServer(WebApplication app, TestDatabase db, Uri address, FakeTimeProvider clock)
    {
        _app = app;
        _db = db;
        BaseAddress = address;
        Clock = clock;
        Http = Client();
        Admin = Client();
    }

    public Uri BaseAddress { get; }
    /// <summary>Anonymous: the public.</summary>
    public HttpClient Http { get; }
    /// <summary>Signed in as a ministry administrator.</summary>
    public HttpClient Admin { get; }
    public FakeTimeProvider Clock { get; }
    public StorageOptions Storage => _db.Storage;
    public IServiceProvider Services => _app.Services;

    public static async Task<PlatformServer> StartAsync(DatabaseProvider provider = DatabaseProvider.Sqlite, DateTimeOffset? now = null, params string[] settings)
    {
        var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(now ?? new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        // A test starts from an empty record unless it asks for the shipped one (a later setting wins).
        var app = PlatformHost.Build(["--urls", "http://127.0.0.1:0", "--environment", "Production", $"--{TestSettings.NoPublishedRecord.Key}={TestSettings.NoPublishedRecord.Value}", .. settings],
            db.Storage, clock);
        await app.Services.InitializePlatformAsync();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var server = new PlatformServer(app, db, new Uri(address), clock);
        await server.CreateUserAsync(AdminUser, AdminPassword, Role.MinistryAdmin);
        Assert.Equal(HttpStatusCode.Redirect, (await LoginAsync(server.Admin, AdminUser, AdminPassword)).StatusCode);
        return server;
    }

    /// <summary>
    /// A client with its own cookie jar that does not follow redirects (so tests see them); with
    /// <paramref name="from"/>, its connections leave from that loopback address (127.0.0.2 …), so
    /// the server sees another source. Over HTTPS it trusts the test's self-signed certificate.
    /// </summary>
    public HttpClient Client(string? bearer = null, IPAddress? from = null)
    {
        var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        if (from is not null)
        {
            handler.ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }
        if (BaseAddress.Scheme == Uri.UriSchemeHttps)
        {
            // The test's own certificate is self-signed: trusted as such, on loopback only.
            handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, errors) =>
                errors == System.Net.Security.SslPolicyErrors.None || (cert is not null && cert.Subject == cert.Issuer && IPAddress.IsLoopback(IPAddress.Parse(BaseAddress.Host)));
        }
        var client = new HttpClient(handler) { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        return client;
    }

    /// <summary>Imports observations as the ministry.</summary>
    public async Task<HttpResponseMessage> PostCsvAsync(string csv, HttpClient? as_ = null)
    {
        using var content = new StringContent(csv, System.Text.Encoding.UTF8, "text/csv");
        return await (as_ ?? Admin).PostAsync("/api/v1/observations/import", content);
    }

    public async Task<T> AdminAsync<T>(Func<IAccessAdministration, Task<T>> use)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<IAccessAdministration>());
    }

    public async Task CreateUserAsync(string userName, string password, Role role, string? region = null, string? unit = null)
    {
        var outcome = await AdminAsync(a => a.CreateUserAsync(Actor.System("test"), new NewUser(userName, password, role, region, unit)));
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Describe()));
    }

    /// <summary>A new API token for a reporting unit.</summary>
    public async Task<string> TokenAsync(string unit)
    {
        var outcome = await AdminAsync(a => a.IssueTokenAsync(Actor.System("test"), new NewToken(unit, "test")));
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Describe()));
        return outcome.Value!.Token;
    }

    /// <summary>Signs in through the login page as a browser would: antiforgery token, form POST, cookie.</summary>
    public static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string userName, string password)
    {
        var page = await client.GetStringAsync("/account/login");
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["userName"] = userName,
            ["password"] = password,
            ["returnUrl"] = "/",
        });
        return await client.PostAsync("/account/login", form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    public static partial Regex AntiforgeryField();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Admin.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _db.DisposeAsync();
    }
}

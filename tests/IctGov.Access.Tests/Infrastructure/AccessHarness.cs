using IctGov.Access.Contracts;
using IctGov.Kernel;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IctGov.Access.Tests.Infrastructure;

/// <summary>The Access module alone on a fresh database, migrated and seeded, with a fake clock.</summary>
public sealed class AccessHarness(ModuleHarness modules) : IAsyncDisposable
{
    public FakeTimeProvider Clock => modules.Clock;
    public IServiceProvider Services => modules.Services;

    public static readonly Actor Ministry = new("user:m", "部管理员", Role.MinistryAdmin, null, "ministry", ["100000"]);
    public static readonly Actor Guangdong = new("user:gd", "广东省通信管理局", Role.ProvinceAdmin, "440000", "prov-440000", ["440000"]);
    public static readonly Actor Beijing = new("user:bj", "北京市通信管理局", Role.ProvinceAdmin, "110000", "prov-110000", ["110000"]);
    public static readonly Actor GuangdongTelecom = new("token:x", "广东电信", Role.Reporter, null, "ct-440000", ["440000"]);

    public static async Task<AccessHarness> CreateAsync(DatabaseProvider provider, Action<IServiceCollection>? configure = null) =>
        new(await ModuleHarness.StartAsync(provider, [new AccessModule()], configure: configure));

    /// <summary>A fresh scope, as one request or one command would have.</summary>
    public AsyncServiceScope Scope() => modules.Scope();

    public Task<T> WithAsync<TService, T>(Func<TService, Task<T>> use) where TService : notnull => modules.WithAsync(use);

    public Task<Outcome<UserInfo>> CreateUserAsync(Actor actor, NewUser user) =>
        WithAsync<IAccessAdministration, Outcome<UserInfo>>(a => a.CreateUserAsync(actor, user));

    public Task<Outcome<IssuedToken>> IssueTokenAsync(Actor actor, string unit, int days = 90) =>
        WithAsync<IAccessAdministration, Outcome<IssuedToken>>(a => a.IssueTokenAsync(actor, new NewToken(unit, null, days)));

    public ValueTask DisposeAsync() => modules.DisposeAsync();
}

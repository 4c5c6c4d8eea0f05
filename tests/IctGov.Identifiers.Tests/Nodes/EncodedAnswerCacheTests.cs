using IctGov.Identifiers.Nodes;
using IctGov.Identifiers.Storage;
using IctGov.Kernel;
using IctGov.Protocols.Handle;
using IctGov.Protocols.Handle.Messages;
using IctGov.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Identifiers.Tests.Nodes;

/// <summary>The UDP fast path over the platform's real store: cached encoded answers are reused, and never outlive a write.</summary>
public sealed class EncodedAnswerCacheTests
{
    [Theory, DatabaseData]
    public async Task RepeatedResolution_IsServedFromTheEncodedCache_UntilTheHandleIsWritten(DatabaseProvider provider)
    {
        await using var f = await Fixture.CreateAsync(provider, o =>
        {
            o.BindAddress = "127.0.0.1";
            o.UdpPort = 0;
            o.TcpPort = 0;
            o.HomedPrefixes.Add("88.100.1");
        });
        await f.StartNodeAsync();
        var processor = f.Services.GetRequiredService<HandleRequestProcessor>();
        var client = new HandleClient(f.Services.GetRequiredService<HandleUdpListener>().LocalEndPoint, null, null, TimeSpan.FromSeconds(30));
        Assert.Equal(HandleStoreResult.Ok, await f.Store.CreateAsync("88.100.1/valve-3", [HandleValue.Text(1, "URL", "https://e.example/v3")]));

        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(Assert.IsType<ResolutionResponse>(await client.ResolveAsync("88.100.1/valve-3")).Values[0].DataAsText);
        }
        Assert.All(answers, a => Assert.Equal("https://e.example/v3", a));
        Assert.True(processor.Answers.Hits >= 3, $"expected cached answers, got {processor.Answers.Hits} hits");

        var hits = processor.Answers.Hits;
        Assert.Equal(HandleStoreResult.Ok, await f.Store.ModifyValuesAsync("88.100.1/valve-3", [HandleValue.Text(1, "URL", "https://e.example/v3-new")]));
        Assert.Equal("https://e.example/v3-new", Assert.IsType<ResolutionResponse>(await client.ResolveAsync("88.100.1/valve-3")).Values[0].DataAsText);
        Assert.Equal(hits, processor.Answers.Hits);

        Assert.Equal(HandleStoreResult.Ok, await f.Store.DeleteAsync("88.100.1/valve-3"));
        Assert.Equal(ResponseCode.HandleNotFound, (await client.ResolveAsync("88.100.1/valve-3")).ResponseCode);
        // Type filters are part of the request, so they key a different answer.
        Assert.Equal(HandleStoreResult.Ok, await f.Store.CreateAsync("88.100.1/valve-4", [HandleValue.Text(1, "URL", "u"), HandleValue.Text(2, "EMAIL", "e@e.example")]));
        Assert.Equal(2, Assert.IsType<ResolutionResponse>(await client.ResolveAsync("88.100.1/valve-4")).Values.Count);
        Assert.Equal("EMAIL", Assert.Single(Assert.IsType<ResolutionResponse>(await client.ResolveAsync("88.100.1/valve-4", types: ["EMAIL"])).Values).Type);
        Assert.Equal("EMAIL", Assert.Single(Assert.IsType<ResolutionResponse>(await client.ResolveAsync("88.100.1/valve-4", types: ["EMAIL"])).Values).Type);
        Assert.Equal(2, Assert.IsType<ResolutionResponse>(await client.ResolveAsync("88.100.1/valve-4")).Values.Count);
    }
}

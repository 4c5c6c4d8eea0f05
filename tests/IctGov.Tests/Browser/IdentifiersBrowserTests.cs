using System.Text;

using IctGov.Testing;

namespace IctGov.Tests.Browser;

/// <summary>The identifier pages in a real browser: the ministry allocates a prefix, the public looks an identifier up and sees the statistics chart.</summary>
public sealed class IdentifiersBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task MinistryAllocatesPrefix_PublicLooksUpIdentifier_StatisticsDrawCharts()
    {
        var server = fixture.Server;
        var ministry = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(ministry, PlatformServer.AdminUser, PlatformServer.AdminPassword);
        await ministry.GotoAsync("/identifiers/prefixes");
        var form = ministry.Locator("#prefix-form");
        await form.Locator("input[name=Prefix]").FillAsync("88.300");
        await form.Locator("select[name=Level]").SelectOptionAsync("secondary");
        await form.Locator("input[name=Parent]").FillAsync("88");
        await form.Locator("input[name=OwnerName]").FillAsync("浏览器演示二级节点");
        await form.Locator("select[name=Industry]").SelectOptionAsync("C");
        await form.Locator("select[name=Province]").SelectOptionAsync("320000");
        await form.Locator("button[type=submit]").ClickAsync();
        await ministry.Locator("#done").WaitForAsync(new() { Timeout = 10_000 });
        Assert.Contains("浏览器演示二级节点", await ministry.Locator("#prefixes").InnerTextAsync(), StringComparison.Ordinal);

        using var put = await server.Admin.PutAsync("/api/handles/88.300/part-42",
            new StringContent("""[{"index":1,"type":"URL","data":"https://e.example/part-42"},{"index":2,"type":"PRODUCT.NAME","data":"轴承"}]""", Encoding.UTF8, "application/json"));
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());

        var visitor = await fixture.NewPageAsync();
        await visitor.GotoAsync("/identifiers");
        await visitor.Locator("#handle").FillAsync("88.300/part-42");
        await visitor.Locator("#lookup").ClickAsync();
        await visitor.Locator("#values").WaitForAsync(new() { Timeout = 10_000 });
        var text = await visitor.Locator("#values").InnerTextAsync();
        Assert.Contains("https://e.example/part-42", text, StringComparison.Ordinal);
        Assert.Contains("轴承", text, StringComparison.Ordinal);

        await visitor.GotoAsync("/identifiers?handle=88.300/none");
        Assert.Contains("未找到", await visitor.Locator("#problem").InnerTextAsync(), StringComparison.Ordinal);

        await visitor.GotoAsync("/identifiers/statistics");
        Assert.Equal("1", await visitor.Locator("#registrations").InnerTextAsync());
        // ECharts draws into a canvas once the script ran
        await visitor.Locator("#chart-industry canvas").WaitForAsync(new() { Timeout = 10_000 });
        await visitor.Locator("#chart-days canvas").WaitForAsync(new() { Timeout = 10_000 });

        await visitor.GotoAsync("/identifiers/nodes");
        Assert.Contains("国家顶级节点", await visitor.Locator("#nodes").InnerTextAsync(), StringComparison.Ordinal);
    }
}

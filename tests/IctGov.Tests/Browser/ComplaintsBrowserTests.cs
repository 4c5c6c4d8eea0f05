using IctGov.Kernel.Security;

namespace IctGov.Tests.Browser;

/// <summary>
/// A telecom appeal walked in a real browser: the user files it through the public form, the
/// province's appeal centre accepts and transfers it, the operator's branch answers, the centre
/// closes it, and the user rates it with the token the form gave.
/// </summary>
public sealed class ComplaintsBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Password = "a-long-enough-password-1";

    [Fact]
    public async Task Appeal_FromThePublicForm_ThroughCentreAndOperator_ToTheUsersRating()
    {
        var server = fixture.Server;
        await server.CreateUserAsync("gd-appeals", Password, Role.ProvinceAdmin, region: "440000");
        await server.CreateUserAsync("cm-gd-service", Password, Role.Reporter, unit: "cm-440000");

        // 1. the user files the appeal, without an account
        var user = await fixture.NewPageAsync();
        await user.GotoAsync("/complaints/new");
        var form = user.Locator("#complaint-form");
        await form.Locator("select[name=Kind]").SelectOptionAsync("telecom");
        await form.Locator("select[name=Region]").SelectOptionAsync("440000");
        await form.Locator("input[name=RespondentId]").FillAsync("cm");
        await form.Locator("select[name=Topic]").SelectOptionAsync("network_quality");
        await form.Locator("input[name=UserName]").FillAsync("陈小明");
        await form.Locator("input[name=UserPhone]").FillAsync("13812345678");
        await form.Locator("input[name=UserAddress]").FillAsync("广州市天河区体育西路1号");
        await form.Locator("input[name=UserPostcode]").FillAsync("510620");
        await form.Locator("textarea[name=Claim]").FillAsync("恢复家中4G信号");
        await form.Locator("textarea[name=Facts]").FillAsync("自5月1日起家中无信号，已向10086投诉，处理不满意");
        await form.Locator("input[name=EventDate]").FillAsync("2026-05-01");
        await form.Locator("input[name=OperatorComplainedOn]").FillAsync("2026-05-03");
        await form.Locator("select[name=OperatorResponse]").SelectOptionAsync("dissatisfied");
        await form.Locator("#submit-complaint").ClickAsync();
        await user.Locator("#receipt").WaitForAsync(new() { Timeout = 10_000 });
        var id = await user.Locator("#complaint-id").InnerTextAsync();
        Assert.Contains("2026-06-08", await user.Locator("#receipt").InnerTextAsync(), StringComparison.Ordinal); // 5 working days after Monday 1 June

        // 2. Guangdong's centre sees it among open complaints, accepts it and transfers it to the operator
        var centre = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(centre, "gd-appeals", Password);
        await centre.GotoAsync("/complaints");
        Assert.Equal("green", await centre.Locator($"#open-complaints tr[data-id='{id}']").GetAttributeAsync("data-clock"));
        await centre.GotoAsync($"/complaints/{id}");
        await centre.Locator("#act-accept").ClickAsync();
        await centre.Locator("#state[data-state=accepted]").WaitForAsync(new() { Timeout = 10_000 });
        await centre.Locator("#act-transfer").ClickAsync();
        await centre.Locator("#state[data-state=transferred]").WaitForAsync(new() { Timeout = 10_000 });

        // 3. China Mobile's Guangdong branch answers
        var operatorPage = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(operatorPage, "cm-gd-service", Password);
        await operatorPage.GotoAsync($"/complaints/{id}");
        await operatorPage.Locator("#act-form textarea[name=Note]").FillAsync("已新建基站，信号恢复");
        await operatorPage.Locator("#act-answer").ClickAsync();
        await operatorPage.Locator("#state[data-state=answered]").WaitForAsync(new() { Timeout = 10_000 });

        // 4. the centre closes it as resolved
        await centre.GotoAsync($"/complaints/{id}");
        Assert.Equal("已新建基站，信号恢复", await centre.Locator("#respondent-answer").InnerTextAsync());
        await centre.Locator("#act-form select[name=Outcome]").SelectOptionAsync("resolved");
        await centre.Locator("#act-close").ClickAsync();
        await centre.Locator("#state[data-state=closed]").WaitForAsync(new() { Timeout = 10_000 });

        // 5. the user rates it from the link the form gave
        await user.Locator("#rate-link").ClickAsync();
        await user.Locator("#rate-form select[name=Score]").SelectOptionAsync("5");
        await user.Locator("#submit-rating").ClickAsync();
        await user.Locator("#rated").WaitForAsync(new() { Timeout = 10_000 });

        await centre.GotoAsync($"/complaints/{id}");
        Assert.Equal("5 / 5", await centre.Locator("#rating").InnerTextAsync());
        var history = await centre.Locator("#history tr").CountAsync();
        Assert.Equal(7, history); // header + received, accept, transfer, answer, close, rating
    }
}

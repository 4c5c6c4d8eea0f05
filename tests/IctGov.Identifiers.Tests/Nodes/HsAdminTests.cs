using IctGov.Identifiers.Nodes;
using IctGov.Protocols.Handle;
using IctGov.Protocols.Handle.Messages;

namespace IctGov.Identifiers.Tests.Nodes;

/// <summary>
/// Who administers what, as a Handle.Net server decides it: a handle's own HS_ADMIN (and the server administrators)
/// govern its values and its deletion; the prefix handle governs only creating and listing handles under the prefix.
/// </summary>
public sealed class HsAdminTests : IAsyncLifetime
{
    private const string Owned = "88.100.1/owned";
    private const string Owner = "88.100.1/owner";
    private TestNode _node = null!;

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync(o => o.ServerAdmins.Add("300:" + TestNode.Outsider));
        _node.Store.Put(Owner, new HandleValue { Index = 300, Type = HandleValueTypes.SecretKey, Data = "owner"u8.ToArray(), Permissions = ValuePermissions.AdminRead });
        // The owner administers this handle alone; the prefix's administrators are not named in it.
        _node.Store.Put(Owned,
            HandleValue.Text(1, "URL", "https://example.cn/owned"),
            new HandleValue { Index = 2, Type = "PRODUCT.SECRET", Data = "hidden"u8.ToArray(), Permissions = ValuePermissions.AdminRead | ValuePermissions.AdminWrite },
            new AdminRecord(AdminPermissions.All, Owner, 300).ToValue(100));
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private static SecretKeyAuthentication OwnerKey() => new(Owner, 300, "owner"u8.ToArray());

    [Fact]
    public async Task PrefixAdministrator_NotNamedInTheHandlesHsAdmin_CannotChangeOrDeleteIt()
    {
        var client = _node.Client();
        var prefixAdmin = TestNode.SecretAdmin();
        HandleRequest[] attempts =
        [
            new AddValueRequest(Owned, [HandleValue.Text(7, "DESC", "planted")]),
            new ModifyValueRequest(Owned, [HandleValue.Text(1, "URL", "https://evil.example")]),
            new RemoveValueRequest(Owned, [1]),
            new AddValueRequest(Owned, [new AdminRecord(AdminPermissions.All, TestNode.PrefixHandle, 300).ToValue(101)]),
            new DeleteHandleRequest(Owned),
        ];
        foreach (var attempt in attempts)
        {
            var answer = await client.SendAsync(attempt, HandleTransport.Tcp, prefixAdmin);
            Assert.True(answer.ResponseCode == ResponseCode.InvalidAdmin, $"{attempt.OpCode} by the prefix administrator answered {answer.ResponseCode}");
        }
        var values = (await _node.Store.ResolveAsync(Owned))!;
        Assert.Equal([1, 2, 100], values.Select(v => v.Index).Order());
        Assert.Equal("https://example.cn/owned", values.Single(v => v.Index == 1).DataAsText);

        // The prefix handle still governs creating and listing under the prefix.
        Assert.IsType<CreateHandleResponse>(await client.SendAsync(new CreateHandleRequest("88.100.1/fresh", [HandleValue.Text(1, "URL", "x")]), HandleTransport.Tcp, prefixAdmin));
        Assert.Contains(Owned, Assert.IsType<ListHandlesResponse>(await client.SendAsync(new ListHandlesRequest(TestNode.PrefixHandle), HandleTransport.Tcp, prefixAdmin)).Handles);
    }

    [Fact]
    public async Task HandleOwner_NamedInItsOwnHsAdmin_ChangesAndDeletesIt_WithoutAnyPrefixRights()
    {
        var client = _node.Client();
        Assert.IsType<SuccessResponse>(await client.SendAsync(new AddValueRequest(Owned, [HandleValue.Text(7, "DESC", "seven")]), HandleTransport.Tcp, OwnerKey()));
        Assert.IsType<SuccessResponse>(await client.SendAsync(new ModifyValueRequest(Owned, [HandleValue.Text(7, "DESC", "SEVEN")]), HandleTransport.Tcp, OwnerKey()));
        Assert.IsType<SuccessResponse>(await client.SendAsync(new RemoveValueRequest(Owned, [7]), HandleTransport.Tcp, OwnerKey()));
        // Creating under the prefix is the prefix handle's business, which does not name the owner.
        Assert.Equal(ResponseCode.InvalidAdmin, (await client.SendAsync(new CreateHandleRequest("88.100.1/other", [HandleValue.Text(1, "URL", "x")]), HandleTransport.Tcp, OwnerKey())).ResponseCode);
        Assert.IsType<SuccessResponse>(await client.SendAsync(new DeleteHandleRequest(Owned), HandleTransport.Tcp, OwnerKey()));
        Assert.Null(await _node.Store.ResolveAsync(Owned));
    }

    [Fact]
    public async Task OwnHsAdmin_WithholdingAPermission_RefusesJustThatOperation_WithInvalidAdmin()
    {
        // The owner lets the prefix administrator add values and read, nothing else.
        _node.Store.Put("88.100.1/shared",
            HandleValue.Text(1, "URL", "https://example.cn/shared"),
            new AdminRecord(AdminPermissions.All, Owner, 300).ToValue(100),
            new AdminRecord(AdminPermissions.AddValue | AdminPermissions.ReadValue, TestNode.PrefixHandle, 300).ToValue(101));
        var client = _node.Client();
        var prefixAdmin = TestNode.SecretAdmin();
        Assert.IsType<SuccessResponse>(await client.SendAsync(new AddValueRequest("88.100.1/shared", [HandleValue.Text(7, "DESC", "seven")]), HandleTransport.Tcp, prefixAdmin));
        Assert.Equal(ResponseCode.InvalidAdmin, (await client.SendAsync(new ModifyValueRequest("88.100.1/shared", [HandleValue.Text(1, "URL", "y")]), HandleTransport.Tcp, prefixAdmin)).ResponseCode);
        Assert.Equal(ResponseCode.InvalidAdmin, (await client.SendAsync(new RemoveValueRequest("88.100.1/shared", [7]), HandleTransport.Tcp, prefixAdmin)).ResponseCode);
        // Adding an administrator needs ADD_ADMIN, which was withheld: the administrator cannot widen its own rights.
        Assert.Equal(ResponseCode.InvalidAdmin, (await client.SendAsync(new AddValueRequest("88.100.1/shared", [new AdminRecord(AdminPermissions.All, TestNode.PrefixHandle, 300).ToValue(102)]), HandleTransport.Tcp, prefixAdmin)).ResponseCode);
        Assert.Equal(ResponseCode.InvalidAdmin, (await client.SendAsync(new DeleteHandleRequest("88.100.1/shared"), HandleTransport.Tcp, prefixAdmin)).ResponseCode);
        Assert.Equal([1, 7, 100, 101], (await _node.Store.ResolveAsync("88.100.1/shared"))!.Select(v => v.Index).Order());
    }

    [Fact]
    public async Task AuthenticatedRead_ByANonAdministrator_IsInvalidAdmin_NotThePublicPart()
    {
        var client = _node.Client();
        var prefixAdmin = TestNode.SecretAdmin();
        // Without PUBLIC_ONLY the client wants the restricted values of the handle too: the prefix administrator is not named in its HS_ADMIN, so it may not read them.
        Assert.Equal(ResponseCode.InvalidAdmin, (await client.SendAsync(new ResolutionRequest(Owned) { Flags = OpFlags.Recursive }, HandleTransport.Tcp, prefixAdmin)).ResponseCode);
        var read = Assert.IsType<ResolutionResponse>(await client.SendAsync(new ResolutionRequest(Owned) { Flags = OpFlags.Recursive }, HandleTransport.Tcp, OwnerKey()));
        Assert.Equal("hidden", read.Values.Single(v => v.Index == 2).DataAsText);
        // Anyone may still ask for the public values only (PUBLIC_ONLY, which requests carry by default).
        var publicOnly = Assert.IsType<ResolutionResponse>(await client.SendAsync(new ResolutionRequest(Owned), HandleTransport.Udp));
        Assert.DoesNotContain(publicOnly.Values, v => v.Index == 2);
    }

    [Fact]
    public async Task ServerAdministrator_MayDoAnything_WhateverTheHandlesHsAdminSays()
    {
        var server = new SecretKeyAuthentication(TestNode.Outsider, 300, "outsider"u8.ToArray());
        var client = _node.Client();
        Assert.IsType<SuccessResponse>(await client.SendAsync(new ModifyValueRequest(Owned, [HandleValue.Text(1, "URL", "https://example.cn/moved")]), HandleTransport.Tcp, server));
        Assert.IsType<SuccessResponse>(await client.SendAsync(new DeleteHandleRequest(Owned), HandleTransport.Tcp, server));
    }

    [Fact]
    public async Task DerivedPrefixHandle_IsCreatedByTheParentPrefixAdministrators_WithAddDerivedPrefix()
    {
        var client = _node.Client();
        // 0.NA/88.100.1 names 300:0.NA/88.100.1 with every bit (ADD_DERIVED_PREFIX included): it allocates 88.100.1.5.
        Assert.IsType<CreateHandleResponse>(await client.SendAsync(new CreateHandleRequest("0.NA/88.100.1.5", [HandleValue.Text(1, "DESC", "derived")]), HandleTransport.Tcp, TestNode.SecretAdmin()));
        // The limited administrator of 0.NA/88.100.1 may add handles but not derived prefixes.
        var limited = new SecretKeyAuthentication(TestNode.LimitedAdmin, 300, "limited"u8.ToArray());
        Assert.Equal(ResponseCode.InvalidAdmin, (await client.SendAsync(new CreateHandleRequest("0.NA/88.100.1.6", [HandleValue.Text(1, "DESC", "derived")]), HandleTransport.Tcp, limited)).ResponseCode);
    }
}

using IctGov.Emergency.Contracts;
using IctGov.Emergency.Features;
using IctGov.Kernel;
using IctGov.Kernel.Results;
using static IctGov.Emergency.Tests.IncidentTests;

namespace IctGov.Emergency.Tests;

/// <summary>Dispatch orders from issue to release, and a province's resources lent only after it agrees.</summary>
public class DispatchTests
{
    [Theory, DatabaseData]
    public async Task Order_IssuedAcknowledgedArrivedReleased_CrossProvinceNeedsConsent(DatabaseProvider provider)
    {
        await using var h = await StartAsync(provider);
        var id = await OpenAsync(h);
        await h.WithAsync<ResourceService, Outcome<EquipmentView>>(s => s.SaveEquipmentAsync(Ministry, new EquipmentRequest("CM-UAV-01", "uav_base_station", "cm-440000", "440000", 113.3, 23.1, null)));
        await h.WithAsync<ResourceService, Outcome<EquipmentView>>(s => s.SaveEquipmentAsync(Ministry, new EquipmentRequest("HN-VEH-01", "vehicle_base_station", "prov-430000", "430000", 112.9, 28.2, null)));
        Task<Outcome<DispatchView>> Issue(Kernel.Security.Actor a, string code, string to) =>
            h.WithAsync<DispatchService, Outcome<DispatchView>>(s => s.IssueAsync(a, id, new DispatchRequest(null, code, to, "恢复湛江徐闻县基站")));
        Task<Outcome<DispatchView>> Step(Kernel.Security.Actor a, long order, string step, DateTimeOffset? eta = null, double? lon = null, double? lat = null) =>
            h.WithAsync<DispatchService, Outcome<DispatchView>>(s => s.StepAsync(a, order, step, new DispatchStep(eta, lon, lat)));

        var order = await Issue(Guangdong, "CM-UAV-01", "440000");
        Assert.True(order.Succeeded, order.Problem);
        Assert.Equal(OutcomeStatus.Conflict, (await Issue(Guangdong, "CM-UAV-01", "440000")).Status); // it is no longer ready
        var o = order.Value!.Id;
        Assert.Equal(OutcomeStatus.Conflict, (await Step(MobileGuangdong, o, "arrive")).Status);
        Assert.Equal("eta", (await Step(MobileGuangdong, o, "acknowledge")).Errors.Single().Field);
        Assert.Equal(OutcomeStatus.NotFound, (await Step(Telecom, o, "acknowledge", Opened.AddHours(4))).Status);
        Assert.Equal("acknowledged", (await Step(MobileGuangdong, o, "acknowledge", Opened.AddHours(4))).Value!.State);
        h.Clock.Advance(TimeSpan.FromHours(3));
        var arrived = await Step(MobileGuangdong, o, "arrive", lon: 110.2, lat: 20.3);
        Assert.Equal("arrived", arrived.Value!.State);
        var map = (await h.WithAsync<IncidentService, Outcome<MapData>>(s => s.MapAsync(Ministry, id, null))).Value!;
        Assert.Equal([("CM-UAV-01", "deployed", 110.2)], map.Equipment.Select(e => (e.Code, e.State, e.Lon!.Value)));
        Assert.Equal("released", (await Step(Guangdong, o, "release")).Value!.State);
        Assert.Equal("ready", (await h.WithAsync<ResourceService, IReadOnlyList<EquipmentView>>(s => s.EquipmentAsync(Ministry))).Single(e => e.Code == "CM-UAV-01").State);

        // Hunan's vehicle: Guangxi must ask Hunan first; the ministry may send it directly.
        Assert.Equal(OutcomeStatus.Conflict, (await Issue(Guangxi, "HN-VEH-01", "450000")).Status);
        Assert.Equal(OutcomeStatus.Forbidden, (await Issue(Guangxi, "HN-VEH-01", "440000")).Status);
        var request = await h.WithAsync<DispatchService, Outcome<SupportView>>(s => s.RequestSupportAsync(Guangxi, id, new SupportRequestInput(null, "430000", "应急通信车2辆")));
        Assert.Equal(("450000", "requested"), (request.Value!.FromRegion, request.Value.State));
        Assert.Equal(OutcomeStatus.Forbidden, (await h.WithAsync<DispatchService, Outcome<SupportView>>(s => s.AnswerSupportAsync(Guangxi, request.Value.Id, new SupportAnswer(true, null)))).Status);
        var hunan = new Kernel.Security.Actor("user:hn", "湖南省通信管理局", Kernel.Security.Role.ProvinceAdmin, "430000", "prov-430000", ["430000"]);
        Assert.Equal("accepted", (await h.WithAsync<DispatchService, Outcome<SupportView>>(s => s.AnswerSupportAsync(hunan, request.Value.Id, new SupportAnswer(true, "派出1辆")))).Value!.State);
        var lent = await Issue(Guangxi, "HN-VEH-01", "450000");
        Assert.True(lent.Succeeded, lent.Problem);
        // Hunan sees its vehicle's order, though the incident is not in Hunan; Guangdong does not see Guangxi's.
        Assert.Equal(2, (await h.WithAsync<DispatchService, Outcome<IReadOnlyList<DispatchView>>>(s => s.ListAsync(Ministry, id))).Value!.Count);
        Assert.Single((await h.WithAsync<DispatchService, Outcome<IReadOnlyList<DispatchView>>>(s => s.ListAsync(Guangdong, id))).Value!);
        var timeline = await h.WithAsync<IncidentService, IReadOnlyList<TimelineEntry>>(s => s.TimelineAsync(id));
        Assert.Equal(["open", "dispatch", "dispatch", "dispatch", "dispatch", "support", "support", "dispatch"], timeline.Select(t => t.Kind));
    }
}

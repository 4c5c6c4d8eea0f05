using IctGov.Collection.Domain;
using IctGov.Kernel;
using IctGov.Kernel.Security;

namespace IctGov.Collection.Tests;

internal static class DomainFixtures
{
    public static readonly DataSet Monthly5G = new(
        "T-5G-M", "5G发展情况月报", "5G development monthly", PeriodKind.Month,
        [
            new ElementSpec("5g_base_stations", "5G基站数", "5G base stations", "个", WholeNumber: true),
            new ElementSpec("5g_base_stations_shared", "共建共享5G基站数", "Shared 5G base stations", "个", WholeNumber: true, ComponentOf: "5g_base_stations"),
            new ElementSpec("5g_terminal_connections", "5G终端连接数", "5G terminal connections", "万户", Cumulative: false),
            new ElementSpec("identifier_registrations", "标识注册量", "Identifier registrations", "亿个", Cumulative: true),
            new ElementSpec("ipv6_traffic_share", "IPv6流量占比", "IPv6 traffic share", "%", Max: 100, Additive: false),
        ],
        ["OperatorBranch"], DeadlineDays: 10, JumpThreshold: 0.5m, Period.OfMonth(2021, 1), null);

    public static readonly Actor Reporter = new("tok-ct-gd", "中国电信广东分公司", Role.Reporter, null, "ct-440000", ["440000"]);
    public static readonly Actor OtherReporter = new("tok-cm-gd", "中国移动广东分公司", Role.Reporter, null, "cm-440000", ["440000"]);
    public static readonly Actor Guangdong = new("u-gd", "广东省通信管理局", Role.ProvinceAdmin, "440000", null, []);
    public static readonly Actor Beijing = new("u-bj", "北京市通信管理局", Role.ProvinceAdmin, "110000", null, []);
    public static readonly Actor Ministry = new("u-min", "工业和信息化部", Role.MinistryAdmin, null, null, []);

    public static readonly DateTimeOffset OnTime = new(2024, 8, 5, 9, 0, 0, TimeSpan.Zero);

    public static Dictionary<string, decimal> V(params (string Key, decimal Value)[] values) => values.ToDictionary(v => v.Key, v => v.Value);

    public static Dictionary<string, string> None => [];
}

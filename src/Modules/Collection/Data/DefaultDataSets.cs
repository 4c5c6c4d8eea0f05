using IctGov.Collection.Domain;
using IctGov.Kernel;

namespace IctGov.Collection.Data;

/// <summary>
/// The data sets a new installation starts with: the components of the plan's derived indicators
/// (专栏1 nos. 4, 8, 13, 17, 20), reported by the units that hold them. Keys are the plan
/// catalogue's data-element keys, so published figures feed the evaluation directly.
/// </summary>
internal static class DefaultDataSets
{
    public static readonly IReadOnlyList<DataSet> All =
    [
        new("T-5G-M", "5G网络发展情况月报", "5G network development, monthly", PeriodKind.Month,
        [
            new ElementSpec("5g_base_stations", "5G基站数", "5G base stations", "个", WholeNumber: true),
            new ElementSpec("5g_terminal_connections", "5G终端连接数", "5G terminal connections", "万户"),
            new ElementSpec("mobile_traffic", "移动网络总流量", "Total mobile network traffic", "PB"),
            new ElementSpec("mobile_ipv6_traffic", "移动网络IPv6流量", "IPv6 traffic on mobile networks", "PB", ComponentOf: "mobile_traffic"),
        ],
        ["OperatorBranch"], DeadlineDays: 10, JumpThreshold: 0.5m, Period.OfMonth(2021, 1), null),

        new("T-RD-Y", "基础电信企业研发投入年报", "Basic telecom operators' R&D, yearly", PeriodKind.Year,
        [
            new ElementSpec("operator_revenue", "基础电信企业收入", "Revenue of basic telecom operators", "亿元"),
            new ElementSpec("operator_rd_expense", "基础电信企业研发投入", "R&D spending of basic telecom operators", "亿元", ComponentOf: "operator_revenue"),
        ],
        ["OperatorBranch"], DeadlineDays: 60, JumpThreshold: 0.5m, Period.OfYear(2021), null),

        new("T-CMP-M", "互联网信息服务投诉处理月报", "Internet information service complaints, monthly", PeriodKind.Month,
        [
            new ElementSpec("complaints_handled", "处理的互联网信息服务投诉", "Complaints handled", "件", WholeNumber: true),
            new ElementSpec("complaints_handled_on_time", "及时处理的互联网信息服务投诉", "Complaints handled on time", "件", WholeNumber: true, ComponentOf: "complaints_handled"),
        ],
        ["OperatorBranch", "Enterprise"], DeadlineDays: 10, JumpThreshold: 1.0m, Period.OfMonth(2021, 1), null),
    ];
}

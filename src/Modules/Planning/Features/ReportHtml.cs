using System.Globalization;
using System.Net;
using System.Text;
using IctGov.Planning.Evaluation;
using IctGov.Kernel.Display;

namespace IctGov.Planning.Features;

/// <summary>
/// The evaluation report as one self-contained HTML file: national table, binding alerts, a chart
/// per indicator and the province ranking. ECharts is inlined so the file opens and prints offline.
/// Written in Chinese with English names beside, as a bilingual document for the ministry.
/// </summary>
internal static class ReportHtml
{
    public static string Render(IReadOnlyList<EvaluationReport> all, IReadOnlyList<IndicatorDetail> details, string echartsScript)
    {
        var national = all.Single(r => r.Region.IsNational);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">");
        sb.Append(inv, $"<title>规划实施评估报告 Plan evaluation report {national.AsOf:yyyy-MM-dd}</title>");
        sb.Append("""
            <style>
            body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:1.5rem;color:#111}
            table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border:1px solid #d1d5db;padding:.25rem .4rem;font-size:.8rem}
            th{background:#f1f5f9}td.num{text-align:right}.chart{width:100%;height:300px;page-break-inside:avoid}
            .s{color:#fff;padding:0 .3rem;border-radius:.3rem;font-size:.75rem}.achieved{background:#0b5cad}.on_track{background:#1a7f37}
            .at_risk{background:#946800}.off_track{background:#c2410c}.missed{background:#b91c1c}.no_data,.insufficient_data{background:#6b7280}
            .alert{border:1px solid #fecaca;background:#fef2f2;color:#991b1b;padding:.5rem}h2{page-break-before:auto;margin-top:1.5rem}
            section.ind{page-break-inside:avoid}
            @media print{body{margin:0}h2.break{page-break-before:always}}
            </style>
            """);
        sb.Append("<script>").Append(echartsScript).Append("</script></head><body>");
        sb.Append(inv, $"<h1>“十四五”信息通信行业发展规划 实施情况评估报告</h1><p>Evaluation of the 14th Five-Year Plan for the ICT industry · 评估日期 as of <b>{national.AsOf:yyyy-MM-dd}</b> · 规划版本 plan version <b>{E(national.PlanVersion.Code)}</b> ({E(national.PlanVersion.NameZh)}) · 仅使用截至评估日已发布的数据 (only figures published by that date)</p>");

        var alerts = national.BindingAlerts.ToList();
        sb.Append("<h2>约束性指标预警 Binding-indicator alerts</h2>");
        if (alerts.Count == 0)
        {
            sb.Append("<p>无：约束性指标均未预计落后于目标。None: no binding indicator is projected to miss its target.</p>");
        }
        foreach (var a in alerts)
        {
            sb.Append(inv, $"<p class=\"alert\">{a.No}. {E(a.NameZh)} ({E(a.NameEn)}): <b>{a.Evaluation.Status.WireName()}</b> — {Describe(a.Evaluation)}</p>");
        }

        sb.Append("<h2>全国指标评估 National evaluation</h2><table><tr><th>序号<br>No.</th><th>指标 Indicator</th><th>单位</th><th>2020</th><th>2025 目标</th><th>最新值 Latest</th><th>期间</th><th>进度 Progress</th><th>实际年均增速</th><th>需要年均增速</th><th>2025 预测 (区间)</th><th>状态 Status</th></tr>");
        foreach (var i in national.Indicators)
        {
            var e = i.Evaluation;
            sb.Append(inv, $"<tr><td>{i.No}</td><td>{E(i.NameZh)}<br><small>{E(i.NameEn)}</small>{(i.Binding ? " <b>[约束性]</b>" : "")}</td><td>{E(i.UnitZh)}</td><td class=num>{N(e.Baseline)}</td><td class=num>{(e.Target is null ? "—" : E(e.Comparison.Symbol()) + N(e.Target))}</td>");
            sb.Append(inv, $"<td class=num>{N(e.LatestValue)}</td><td>{E(e.LatestPeriod ?? "—")}</td><td class=num>{Pct(e.Progress)}</td><td class=num>{GrowthText(e.Actual)}</td><td class=num>{GrowthText(e.Required)}</td>");
            sb.Append(inv, $"<td class=num>{(e.Projection is { } p ? N(p.Value) + (p.Low is { } lo && p.High is { } hi ? $"<br><small>{N(lo)}–{N(hi)}</small>" : "") : "—")}</td><td><span class=\"s {e.Status.WireName()}\">{e.Status.WireName()}</span></td></tr>");
        }
        sb.Append("</table>");

        sb.Append("<h2 class=break>分指标图表 Indicator charts</h2><p>实线为实际值，虚线为实现目标所需路径，点线与阴影为2025年预测及区间，红线为目标。Solid: actual; dashed: required path; dotted and shaded: projection with interval; red: target.</p>");
        foreach (var d in details)
        {
            sb.Append(inv, $"<section class=ind><h3>{d.Indicator.No}. {E(d.Indicator.NameZh)} <small>{E(d.Indicator.NameEn)}</small></h3><p>{Describe(d.Indicator.Evaluation)}</p><div class=chart id=\"c{d.Indicator.No}\"></div>");
            sb.Append(inv, $"<script>echarts.init(document.getElementById('c{d.Indicator.No}'),null,{{renderer:'svg'}}).setOption({ChartData.IndicatorChart(d, false)});</script></section>");
        }

        sb.Append("<h2 class=break>分省排名 Province ranking</h2><p>按有数据指标的平均进度排序；格内为进度与状态。Ranked by mean progress over indicators with data; each cell shows progress and status.</p>");
        var ranked = all.Where(r => !r.Region.IsNational)
            .Select(r => (r.Region, Mean: r.Indicators.Select(i => i.Evaluation.Progress).Where(p => p is not null).Select(p => Math.Clamp(p!.Value, -1, 2)).DefaultIfEmpty(double.NaN).Average(), r))
            .OrderByDescending(x => double.IsNaN(x.Mean) ? double.MinValue : x.Mean).ToList();
        sb.Append("<table><tr><th>排名</th><th>地区 Region</th><th>平均进度</th>");
        foreach (var i in national.Indicators)
        {
            sb.Append(inv, $"<th>{i.No}</th>");
        }
        sb.Append("</tr>");
        var rank = 0;
        foreach (var (region, mean, report) in ranked)
        {
            rank++;
            sb.Append(inv, $"<tr><td>{(double.IsNaN(mean) ? "—" : rank.ToString(inv))}</td><td>{E(region.NameZh)} {E(region.NameEn)}</td><td class=num>{(double.IsNaN(mean) ? "—" : Pct(mean))}</td>");
            foreach (var i in report.Indicators)
            {
                sb.Append(inv, $"<td><span class=\"s {i.Evaluation.Status.WireName()}\" title=\"{i.Evaluation.Status.WireName()}\">{Pct(i.Evaluation.Progress)}</span></td>");
            }
            sb.Append("</tr>");
        }
        sb.Append("</table><p><small>状态规则与预测方法见 docs/EVALUATION.md。Status rules and projection method: docs/EVALUATION.md.</small></p></body></html>");
        return sb.ToString();
    }

    internal static string Describe(IndicatorEvaluation e)
    {
        if (e.LatestValue is null)
        {
            return e.Note ?? "暂无评估期内数据 no figure published for the plan period yet";
        }
        var inv = CultureInfo.InvariantCulture;
        var parts = new List<string> { string.Create(inv, $"最新 latest {N(e.LatestValue)} ({e.LatestPeriod})") };
        if (e.Progress is { } p) parts.Add($"进度 progress {Pct(p)}");
        if (e.Required.CagrPct is { } r) parts.Add(string.Create(inv, $"此后需年均增长 needs {r:0.0}%/yr"));
        else if (e.Required.AnnualChange is { } ra) parts.Add(string.Create(inv, $"此后需年均变化 needs {N(ra)}/yr"));
        if (e.Projection is { } pr) parts.Add(string.Create(inv, $"2025 预测 projected {N(pr.Value)}") + (pr.Low is { } lo && pr.High is { } hi ? string.Create(inv, $" ({pr.Level:P0}: {N(lo)}–{N(hi)})") : ""));
        return E(string.Join("；", parts));
    }

    private static string GrowthText(Growth g) =>
        g.CagrPct is { } c ? c.ToString("0.0", CultureInfo.InvariantCulture) + "%" : g.AnnualChange is { } a ? N(a) + "/年" : "—";

    private static string N(double? v) => Format.Number(v);
    private static string Pct(double? v) => Format.Percent(v);
    private static string E(string s) => WebUtility.HtmlEncode(s);
}

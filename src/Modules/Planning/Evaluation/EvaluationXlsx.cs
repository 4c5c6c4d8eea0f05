using MiniExcelLibs;

namespace IctGov.Planning.Evaluation;

/// <summary>XLSX export of an evaluation: one sheet for the chosen region, one ranking provinces per indicator.</summary>
internal static class EvaluationXlsx
{
    public static byte[] Write(EvaluationReport report, IReadOnlyList<EvaluationReport> all)
    {
        var main = report.Indicators.Select(i =>
        {
            var d = EvaluationJson.ToDto(i);
            return new Dictionary<string, object?>
            {
                ["序号 No."] = d.No,
                ["指标 Indicator"] = $"{d.Name.Zh} / {d.Name.En}",
                ["单位 Unit"] = d.Unit.Zh,
                ["属性 Attribute"] = d.Attribute,
                ["2020年 Baseline"] = d.Baseline,
                ["2025年 Target"] = d.Target is { } t ? $"{d.Comparison}{t}" : null,
                ["最新值 Latest"] = d.Latest?.Value,
                ["期间 Period"] = d.Latest?.Period,
                ["进度 Progress"] = d.Progress,
                ["实际年均增速% Actual CAGR"] = d.ActualGrowth.CagrPct,
                ["需要年均增速% Required CAGR"] = d.RequiredGrowth.CagrPct,
                ["需要年均增量 Required per year"] = d.RequiredGrowth.AnnualChange,
                ["2025年预测 Projection"] = d.Projection?.Value,
                ["预测下限 Low"] = d.Projection?.Low,
                ["预测上限 High"] = d.Projection?.High,
                ["状态 Status"] = d.Status,
                ["目标来源 Target source"] = d.TargetSource,
            };
        }).ToList();

        var ranking = new List<Dictionary<string, object?>>();
        foreach (var no in report.Indicators.Select(i => i.No))
        {
            var rows = all.Where(r => !r.Region.IsNational)
                .Select(r => (r.Region, Eval: r.Indicators.Single(i => i.No == no).Evaluation))
                .OrderByDescending(x => x.Eval.Progress ?? double.MinValue).ToList();
            var rank = 0;
            foreach (var (region, e) in rows)
            {
                rank++;
                ranking.Add(new Dictionary<string, object?>
                {
                    ["序号 No."] = no,
                    ["排名 Rank"] = e.Progress is null ? null : rank,
                    ["地区 Region"] = $"{region.NameZh} {region.Code}",
                    ["最新值 Latest"] = e.LatestValue,
                    ["期间 Period"] = e.LatestPeriod,
                    ["进度 Progress"] = e.Progress is { } p ? Math.Round(p, 4) : null,
                    ["状态 Status"] = e.Status.WireName(),
                });
            }
        }
        var sheets = new Dictionary<string, object>
        {
            [$"评估 {report.Region.Code}"] = main,
            ["省份排名 Ranking"] = ranking,
        };
        using var ms = new MemoryStream();
        ms.SaveAs(sheets);
        return ms.ToArray();
    }
}

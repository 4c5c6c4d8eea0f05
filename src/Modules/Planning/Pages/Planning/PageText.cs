using System.Globalization;
using IctGov.Kernel;
using IctGov.Kernel.Display;
using IctGov.Planning.Evaluation;

namespace IctGov.Planning.Pages.Planning;

/// <summary>
/// Formatting shared by the Planning pages: numbers in the invariant culture (values to at most three
/// decimals, progress as a percentage with one), bilingual labels for codes, and chart options
/// made safe to place inside a script element.
/// </summary>
internal static class PageText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A value with at most three decimals; a dash when unknown.</summary>
    public static string N(double? v) => Format.Number(v);

    /// <summary>A decimal value with at most three decimals.</summary>
    public static string N(decimal v) => Format.Number(v);

    /// <summary>A ratio as a percentage with one decimal (0.5 → 50.0%).</summary>
    public static string Pct(double? v) => Format.Percent(v);

    /// <summary>A growth figure: the compound annual rate when known, else the change per year.</summary>
    public static string GrowthText(Growth g) =>
        g.CagrPct is { } c ? c.ToString("0.0", Inv) + "%" + Bilingual.T("/年", "/yr")
        : g.AnnualChange is { } a ? (a >= 0 ? "+" : "") + N(a) + Bilingual.T("/年", "/yr")
        : "—";

    /// <summary>The target as the plan writes it: comparison symbol and value.</summary>
    public static string TargetText(IndicatorEvaluation e) => e.Target is null ? "—" : e.Comparison.Symbol() + N(e.Target);

    /// <summary>The latest value with its period, e.g. "17.1 (2023)".</summary>
    public static string LatestText(IndicatorEvaluation e) => e.LatestValue is null ? "—" : $"{N(e.LatestValue)} ({e.LatestPeriod})";

    /// <summary>专栏1's attribute column.</summary>
    public static string Attribute(bool binding) => binding ? Bilingual.T("约束性", "Binding") : Bilingual.T("预期性", "Expected");

    /// <summary>Where a region's target comes from.</summary>
    public static string TargetSource(string source) => source switch
    {
        "plan" => Bilingual.T("规划目标", "Plan target"),
        "regional" => Bilingual.T("地方目标", "Regional target"),
        "national-benchmark" => Bilingual.T("以全国目标为基准", "National target as benchmark"),
        "derived-share" => Bilingual.T("按2020年占全国份额推算", "Derived from 2020 share of the nation"),
        _ => source,
    };

    /// <summary>How a series value was obtained.</summary>
    public static string Origin(string origin) => origin switch
    {
        "direct" => Bilingual.T("直接观测", "Observed"),
        "derived" => Bilingual.T("由数据元素计算", "Derived from data elements"),
        "aggregated" => Bilingual.T("31省汇总", "Sum of the 31 provinces"),
        _ => origin,
    };

    /// <summary>An observation's status.</summary>
    public static string ObservationStatus(string status) => status switch
    {
        "provisional" => Bilingual.T("初步", "Provisional"),
        "final" => Bilingual.T("最终", "Final"),
        "estimated" => Bilingual.T("估计", "Estimated"),
        "revised" => Bilingual.T("修订", "Revised"),
        _ => status,
    };

    /// <summary>How the 2025 value was projected.</summary>
    public static string Method(string method) => method switch
    {
        "linear" => Bilingual.T("近期年均变化外推", "recent annual change"),
        "growth" => Bilingual.T("近期增速外推", "recent growth rate"),
        "damped-growth" => Bilingual.T("近期增速外推（增速递减）", "recent growth rate, slowing"),
        "damped-linear" => Bilingual.T("近期年均变化外推（递减）", "recent annual change, slowing"),
        "two-point" => Bilingual.T("两点外推", "two-point extrapolation"),
        "flat-mean" => Bilingual.T("按年均值外推", "mean annual amount"),
        _ => method,
    };

    /// <summary>The projection with its interval, e.g. "24.1 (80%: 20.3–27.9)".</summary>
    public static string ProjectionText(Projection? p) => p is null ? "—"
        : N(p.Value) + (p is { Low: { } lo, High: { } hi } ? $" ({(p.Level * 100).ToString("0", Inv)}%: {N(lo)}–{N(hi)})" : "")
          + (p.Bounded ? Bilingual.T("（受合理上限约束）", " (capped at the plausible limit)") : "");

    /// <summary>A date as YYYY-MM-DD.</summary>
    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", Inv);

    /// <summary>
    /// One line on where an indicator stands, in the UI language: latest value, progress, the growth
    /// still needed and the projection (the report's bilingual ReportHtml.Describe, for one language).
    /// </summary>
    public static string Summary(IndicatorEvaluation e)
    {
        if (e.LatestValue is null)
        {
            return e.Note is { } note ? Bilingual.T("无法评估：", "Cannot evaluate: ") + note
                : Bilingual.T("规划期内尚无已发布数据。", "No figure published for the plan period yet.");
        }
        var parts = new List<string> { Bilingual.T($"最新值 {N(e.LatestValue)}（{e.LatestPeriod}）", $"latest {N(e.LatestValue)} ({e.LatestPeriod})") };
        if (e.Progress is { } p)
        {
            parts.Add(Bilingual.T("进度 ", "progress ") + Pct(p));
        }
        if (e.Required.CagrPct is { } r)
        {
            parts.Add(Bilingual.T("此后需年均增长 ", "needs ") + r.ToString("0.0", Inv) + Bilingual.T("%", "%/yr from now"));
        }
        else if (e.Required.AnnualChange is { } ra)
        {
            parts.Add(Bilingual.T("此后需年均变化 ", "needs ") + N(ra) + Bilingual.T("", "/yr from now"));
        }
        if (e.Projection is { } pr)
        {
            parts.Add(Bilingual.T("2025年预测 ", "projected for 2025: ") + ProjectionText(pr));
        }
        return string.Join(Bilingual.T("；", "; "), parts);
    }

    /// <summary>A region's name in the UI language.</summary>
    public static string RegionName(Region r) => r.Name(Bilingual.IsEnglish);

    /// <summary>The query string shared by the pages: asOf and region.</summary>
    public static string Query(DateOnly asOf, string region) =>
        $"asOf={Date(asOf)}&region={Uri.EscapeDataString(region)}";
}

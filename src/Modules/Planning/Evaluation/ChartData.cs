using System.Globalization;
using System.Text.Json;
using IctGov.Kernel;

namespace IctGov.Planning.Evaluation;

/// <summary>
/// ECharts option objects for an indicator: the actual series, the trajectory the plan needed, the
/// projection to 2025 with its interval as a fan, and the target line. One builder serves the web
/// pages and the printable report so both draw the same picture.
/// </summary>
internal static class ChartData
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The full chart for the indicator detail page and the report.</summary>
    public static string IndicatorChart(IndicatorDetail detail, bool english, EvaluationOptions? options = null)
    {
        options ??= new EvaluationOptions();
        var e = detail.Indicator.Evaluation;
        var isSum = detail.Indicator.Kind == IndicatorKind.CumulativeSum;
        var points = Evaluator.Usable(detail.Series, detail.Indicator.Kind, isSum ? Measure.Flow : Measure.Stock, options);
        var actual = new List<object[]>();
        if (!isSum && e.Baseline is { } b)
        {
            actual.Add([Year(options.BaseYear), b]);
        }
        // One point per year, on that year: the year's own figure, else its latest month or quarter
        // (a stock "so far"). Plotting at the period's end date put each year on the next year's tick.
        double running = 0;
        foreach (var year in points.GroupBy(p => p.Period.Year))
        {
            running += year.Sum(p => p.Value);
            actual.Add([Year(year.Key), Math.Round(isSum ? running : year.Last().Value, 6)]);
        }
        var trajectory = detail.Trajectory
            .Where(t => Math.Abs(t.YearsAfterBase - Math.Round(t.YearsAfterBase)) < 1e-9)
            .Select(t => new object[] { Year(options.BaseYear + (int)Math.Round(t.YearsAfterBase)), Math.Round(t.Value, 6) }).ToList();
        var end = Year(options.TargetYear);
        var series = new List<object>
        {
            new { name = english ? "Actual" : "实际值", type = "line", data = actual, symbolSize = 6,
                  markLine = e.Target is { } t ? new { symbol = "none", lineStyle = new { color = "#b91c1c", type = "solid" },
                      label = new { position = "insideEndTop", formatter = (english ? "Target " : "目标 ") + e.Comparison.Symbol() + t.ToString(CultureInfo.InvariantCulture) },
                      data = new object[] { new { yAxis = t } } } : null },
            new { name = english ? "Required path" : "所需路径", type = "line", data = trajectory, symbol = "none", lineStyle = new { type = "dashed", color = "#6b7280" } },
        };
        if (e.Projection is { } proj && actual.Count > 0 && !Equals(actual[^1][0], end))
        {
            var last = actual[^1];
            series.Add(new { name = english ? "Projection" : "预测", type = "line", data = new[] { last, new object[] { end, Math.Round(proj.Value, 6) } },
                lineStyle = new { type = "dotted", color = "#0b5cad" }, symbol = "circle" });
            if (proj is { Low: { } lo, High: { } hi })
            {
                var lastValue = Convert.ToDouble(last[1], CultureInfo.InvariantCulture);
                series.Add(new { name = "band-low", type = "line", stack = "band", data = new[] { new object[] { last[0], lastValue }, new object[] { end, Math.Round(lo, 6) } },
                    lineStyle = new { opacity = 0 }, symbol = "none", silent = true });
                series.Add(new { name = (proj.Level * 100).ToString("0", CultureInfo.InvariantCulture) + (english ? "% interval" : "% 区间"), type = "line", stack = "band",
                    data = new[] { new object[] { last[0], 0.0 }, new object[] { end, Math.Round(hi - lo, 6) } },
                    lineStyle = new { opacity = 0 }, symbol = "none", areaStyle = new { color = "rgba(11,92,173,0.18)" }, silent = true });
            }
        }
        // ECharts does not widen the axis for a markLine, so a target outside the data would vanish.
        var values = actual.Select(a => Convert.ToDouble(a[1], CultureInfo.InvariantCulture))
            .Concat(trajectory.Select(t => Convert.ToDouble(t[1], CultureInfo.InvariantCulture)))
            .Concat(new[] { e.Target, e.Projection?.Value, e.Projection?.Low, e.Projection?.High }.OfType<double>()).ToList();
        var (yMin, yMax) = Range(values);
        var option = new
        {
            animation = false,
            tooltip = new { trigger = "axis" },
            legend = new { top = 0, data = series.Select(s => (string)s.GetType().GetProperty("name")!.GetValue(s)!).Where(n => n != "band-low").ToArray() },
            grid = new { left = 60, right = 30, top = 40, bottom = 40 },
            xAxis = Years(options, show: true),
            yAxis = new { type = "value", min = yMin, max = yMax, name = english ? detail.Indicator.UnitEn : detail.Indicator.UnitZh },
            series,
        };
        return JsonSerializer.Serialize(option, Json);
    }

    /// <summary>A small line with the target for the dashboard rows.</summary>
    public static string Sparkline(IndicatorDetail detail, EvaluationOptions? options = null)
    {
        options ??= new EvaluationOptions();
        var full = JsonSerializer.Deserialize<JsonElement>(IndicatorChart(detail, false, options));
        var y = full.GetProperty("yAxis");
        var option = new
        {
            animation = false,
            grid = new { left = 2, right = 2, top = 4, bottom = 4 },
            xAxis = Years(options, show: false),
            yAxis = new { type = "value", show = false, min = y.GetProperty("min"), max = y.GetProperty("max") },
            series = full.GetProperty("series").EnumerateArray().Take(1).Select(s => new
            {
                type = "line",
                data = s.GetProperty("data"),
                symbol = "none",
                lineStyle = new { width = 1.5 },
                markLine = s.TryGetProperty("markLine", out var m) && m.ValueKind == JsonValueKind.Object
                    ? new { symbol = "none", label = new { show = false }, lineStyle = new { color = "#b91c1c", type = "dashed" }, data = m.GetProperty("data") }
                    : null,
            }),
        };
        return JsonSerializer.Serialize(option, Json);
    }

    private static readonly double[] NiceSteps = [1, 2, 5, 10];

    /// <summary>Axis bounds that contain every value, rounded out to a 1-2-5 step so the labels read cleanly.</summary>
    internal static (double? Min, double? Max) Range(List<double> values)
    {
        if (values.Count == 0)
        {
            return (null, null);
        }
        var lo = values.Min();
        var hi = values.Max();
        var span = hi - lo;
        if (span <= 0)
        {
            span = Math.Abs(hi) > 0 ? Math.Abs(hi) * 0.2 : 1;
        }
        var raw = span / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = NiceSteps.Select(f => f * magnitude).First(x => x >= raw);
        var min = Math.Floor(lo / step) * step;
        var max = Math.Ceiling(hi / step) * step;
        if (max - hi < step * 0.1) max += step; // room above for the target label
        // a series that never went below zero should not get a negative axis
        if (lo >= 0 && min < 0) min = 0;
        return (Math.Round(min, 10), Math.Round(max, 10));
    }

    /// <summary>The plan period's years as the x axis: each annual figure sits on its own year.</summary>
    private static object Years(EvaluationOptions options, bool show) => new
    {
        type = "category",
        show,
        boundaryGap = false,
        data = Enumerable.Range(options.BaseYear, options.TargetYear - options.BaseYear + 1).Select(Year).ToArray(),
    };

    private static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);

    /// <summary>Status colour names used in CSS classes.</summary>
    public static string StatusClass(EvaluationStatus s) => "status-" + s.WireName();

    /// <summary>Status in the UI language.</summary>
    public static string StatusLabel(EvaluationStatus s) => s switch
    {
        EvaluationStatus.Achieved => Bilingual.T("已实现", "Achieved"),
        EvaluationStatus.OnTrack => Bilingual.T("进度正常", "On track"),
        EvaluationStatus.AtRisk => Bilingual.T("存在风险", "At risk"),
        EvaluationStatus.OffTrack => Bilingual.T("进度滞后", "Off track"),
        EvaluationStatus.Missed => Bilingual.T("未完成", "Missed"),
        EvaluationStatus.InsufficientData => Bilingual.T("数据不足", "Insufficient data"),
        _ => Bilingual.T("暂无数据", "No data"),
    };
}

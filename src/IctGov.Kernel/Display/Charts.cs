namespace IctGov.Kernel.Display;

/// <summary>
/// ECharts options for the platform's <c>data-chart</c> attribute (wwwroot/js/platform.js draws them), so
/// pages that chart counts by name draw them alike.
/// </summary>
public static class Charts
{
    /// <summary>A bar chart of values by name, names slanted when there are many.</summary>
    public static string Bar(IEnumerable<(string Name, decimal Value)> rows)
    {
        var list = rows.ToList();
        return Format.ScriptJson(new
        {
            tooltip = new { },
            grid = new { left = 70, right = 20, bottom = 90 },
            xAxis = new { type = "category", data = list.Select(r => r.Name), axisLabel = new { rotate = list.Count > 6 ? 30 : 0 } },
            yAxis = new { type = "value" },
            series = new[] { new { type = "bar", data = list.Select(r => r.Value) } },
        });
    }
}

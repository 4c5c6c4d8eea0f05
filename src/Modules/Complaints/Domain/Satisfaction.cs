using IctGov.Kernel.Results;

namespace IctGov.Complaints.Domain;

/// <summary>One question of a survey with its fixed weight in the response's index.</summary>
internal sealed record SurveyItem(string Code, string NameZh, string NameEn, decimal Weight);

/// <summary>
/// A questionnaire for one service. Items are scored 0–10; a response's index is the weighted mean
/// of its item scores × 10 (0–100). <see cref="InIndex"/> says whether its responses count in
/// indicator 19 (docs/COMPLAINTS.md, "Satisfaction index").
/// </summary>
internal sealed record SurveyDefinition(string Code, string Service, string NameZh, string NameEn, bool InIndex, IReadOnlyList<SurveyItem> Items)
{
    /// <summary>The weights must be positive and sum to 1, item codes unique.</summary>
    public IEnumerable<string> Problems()
    {
        if (Items.Count == 0) yield return "a survey needs at least one item";
        if (Items.Any(i => i.Weight <= 0)) yield return "every item weight must be positive";
        if (Items.Sum(i => i.Weight) != 1m) yield return $"item weights must sum to 1, not {Items.Sum(i => i.Weight)}";
        if (Items.Select(i => i.Code).Distinct().Count() != Items.Count) yield return "item codes must be unique";
    }

    /// <summary>The response's index 0–100 from its item scores (each 0–10, every item answered).</summary>
    public double Index(IReadOnlyDictionary<string, decimal> scores) => (double)Items.Sum(i => i.Weight * scores[i.Code]) * 10;

    /// <summary>Checks one response's scores: every item answered, 0–10, no unknown item.</summary>
    public List<RowError> Check(long row, IReadOnlyDictionary<string, decimal> scores)
    {
        var errors = new List<RowError>();
        foreach (var item in Items)
        {
            if (!scores.TryGetValue(item.Code, out var s))
            {
                errors.Add(new RowError(row, item.Code, $"expected a score 0–10 for {item.NameZh} ({item.NameEn}) of survey {Code}"));
            }
            else if (s is < 0 or > 10)
            {
                errors.Add(new RowError(row, item.Code, "expected a score from 0 to 10") { Value = s.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            }
        }
        foreach (var unknown in scores.Keys.Where(k => Items.All(i => i.Code != k)))
        {
            errors.Add(new RowError(row, unknown, $"survey {Code} has no item {unknown}; its items: {string.Join(", ", Items.Select(i => i.Code))}"));
        }
        return errors;
    }
}

/// <summary>
/// The weighting model as data. The MIIT's TCSI (电信服务质量用户满意度指数评价制度) estimates its
/// weights with a latent-variable model whose weights are not published; these are the platform's
/// own fixed item weights, documented in docs/COMPLAINTS.md, and stored with every survey so a
/// figure can always be recomputed with the weights it was made with.
/// </summary>
internal static class DefaultSurveys
{
    public const string ComplaintHandling = "complaint_handling";

    public static readonly IReadOnlyList<SurveyDefinition> All =
    [
        new("mobile", "mobile", "移动通信服务满意度调查", "Mobile service satisfaction survey", true,
        [
            new("network", "网络质量", "Network quality", 0.30m),
            new("tariff", "资费透明与合理", "Tariffs and billing", 0.20m),
            new("service", "客户服务", "Customer service", 0.20m),
            new("handling", "业务办理", "Orders and changes", 0.15m),
            new("privacy", "个人信息保护", "Personal information", 0.15m),
        ]),
        new("broadband", "broadband", "固定宽带服务满意度调查", "Fixed broadband satisfaction survey", true,
        [
            new("speed", "网速与稳定性", "Speed and stability", 0.35m),
            new("install", "装机与维修", "Installation and repair", 0.25m),
            new("tariff", "资费透明与合理", "Tariffs and billing", 0.20m),
            new("service", "客户服务", "Customer service", 0.20m),
        ]),
        // Every rated telecom appeal adds a response here (rating 1–5 → score 0, 2.5, 5, 7.5, 10). Kept out
        // of the index by default: appellants are a selected group, not a sample of users.
        new(ComplaintHandling, "complaint", "申诉处理满意度（申诉办结后评价）", "Appeal handling (rating after closure)", false,
        [
            new("handling", "申诉处理", "Appeal handling", 1m),
        ]),
    ];

    /// <summary>The post-closure rating 1–5 as a 0–10 item score.</summary>
    public static decimal FromRating(int rating) => (rating - 1) * 2.5m;
}

/// <summary>One response reduced to what the index reads.</summary>
internal readonly record struct ScoredResponse(string Survey, string Service, string Operator, string Region, double Index);

/// <summary>The index of a group of responses with its 95% confidence interval (normal approximation).</summary>
internal sealed record IndexFigure(string Scope, string Key, long Responses, double Index, double? Low, double? High);

/// <summary>
/// Aggregation: every response counts once, so a group's index is the sample-size-weighted mean of
/// its cells (operator × province × service); the interval is mean ± 1.96 × s/√n, given from n ≥ 2.
/// </summary>
internal static class SatisfactionIndex
{
    public static IndexFigure Of(string scope, string key, IReadOnlyCollection<double> values)
    {
        var n = values.Count;
        var mean = values.Average();
        if (n < 2)
        {
            return new IndexFigure(scope, key, n, Math.Round(mean, 2), null, null);
        }
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (n - 1);
        var half = 1.96 * Math.Sqrt(variance / n);
        return new IndexFigure(scope, key, n, Math.Round(mean, 2), Math.Round(mean - half, 2), Math.Round(mean + half, 2));
    }

    /// <summary>National, then by service, operator and province; only responses of surveys in the index.</summary>
    public static IReadOnlyList<IndexFigure> Compute(IEnumerable<ScoredResponse> responses)
    {
        var list = responses.ToList();
        var result = new List<IndexFigure>();
        if (list.Count == 0)
        {
            return result;
        }
        result.Add(Of("national", IctGov.Kernel.Region.NationalCode, list.Select(r => r.Index).ToList()));
        foreach (var (scope, key) in new (string, Func<ScoredResponse, string>)[] { ("service", r => r.Service), ("operator", r => r.Operator), ("province", r => r.Region) })
        {
            result.AddRange(list.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Of(scope, g.Key, g.Select(r => r.Index).ToList())));
        }
        return result;
    }
}

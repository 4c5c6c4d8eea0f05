using System.Globalization;
using IctGov.Kernel.Results;

namespace IctGov.Collection.Domain;

/// <summary>One reported value, as read from a form, a file row or a JSON body.</summary>
/// <param name="Row">Row number in the source file (header = 1); 0 where there are no rows.</param>
/// <param name="Unit">The unit the sender states, if the format carries one.</param>
internal sealed record ReportedValue(long Row, string Element, decimal Value, string? Unit = null);

/// <summary>
/// The reporting rules, as pure functions so every channel applies exactly the same ones and each
/// rule is tested alone. <see cref="Validate"/> returns every problem at once; a submission with
/// any problem is rejected whole.
/// </summary>
internal static class Validation
{
    /// <param name="previous">The same unit's accepted values for the previous period (for cumulative and jump rules); empty if none.</param>
    /// <param name="explanations">Written explanations by element key, required for large jumps.</param>
    public static IReadOnlyList<RowError> Validate(
        DataSet dataSet, IReadOnlyList<ReportedValue> values, IReadOnlyDictionary<string, decimal> previous,
        IReadOnlyDictionary<string, string> explanations)
    {
        var errors = new List<RowError>();
        var seen = new Dictionary<string, ReportedValue>();
        foreach (var v in values)
        {
            var spec = dataSet.Element(v.Element);
            if (spec is null)
            {
                errors.Add(Broken(v.Row, v.Element, "element", $"'{v.Element}' is not collected by {dataSet.Code}: expected one of {string.Join(", ", dataSet.Elements.Select(e => e.Key))}"));
                continue;
            }
            if (!seen.TryAdd(v.Element, v))
            {
                errors.Add(Broken(v.Row, v.Element, "duplicate", $"reported twice (also row {seen[v.Element].Row})"));
                continue;
            }
            if (v.Unit is { Length: > 0 } unit && !string.Equals(unit.Trim(), spec.Unit, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(Broken(v.Row, v.Element, "unit", $"reported in '{unit}', expected '{spec.Unit}'"));
            }
            if (spec.WholeNumber && decimal.Truncate(v.Value) != v.Value)
            {
                errors.Add(Broken(v.Row, v.Element, "type", $"{F(v.Value)} is not a whole number: {spec.NameZh} is a count"));
            }
            if (spec.Min is { } min && v.Value < min)
            {
                errors.Add(Broken(v.Row, v.Element, "range", $"{F(v.Value)} is below the minimum {F(min)}"));
            }
            if (spec.Max is { } max && v.Value > max)
            {
                errors.Add(Broken(v.Row, v.Element, "range", $"{F(v.Value)} is above the maximum {F(max)}"));
            }
        }

        foreach (var (key, v) in seen)
        {
            var spec = dataSet.Element(key)!;
            if (spec.ComponentOf is { } totalKey && seen.TryGetValue(totalKey, out var total) && v.Value > total.Value)
            {
                errors.Add(Broken(v.Row, key, "component", $"{F(v.Value)} exceeds its total {totalKey} = {F(total.Value)}: a component never exceeds its total"));
            }
            if (!previous.TryGetValue(key, out var prev))
            {
                continue;
            }
            if (spec.Cumulative && v.Value < prev)
            {
                errors.Add(Broken(v.Row, key, "cumulative", $"{F(v.Value)} is below the previous period's {F(prev)}: a cumulative series never decreases"));
            }
            else if (IsJump(prev, v.Value, dataSet.JumpThreshold) && !(explanations.TryGetValue(key, out var why) && !string.IsNullOrWhiteSpace(why)))
            {
                var change = prev == 0 ? "from 0" : (v.Value - prev) / prev * 100 is var pct ? $"{pct:+0.#;-0.#}%" : "";
                errors.Add(Broken(v.Row, key, "jump", $"changes {change} against the previous period ({F(prev)} → {F(v.Value)}), more than {dataSet.JumpThreshold * 100:0.#}%: a written explanation is needed"));
            }
        }
        return errors;
    }

    /// <summary>A change larger than the threshold share of the previous value; any change from zero counts.</summary>
    public static bool IsJump(decimal previous, decimal current, decimal threshold) =>
        previous == 0 ? current != 0 : Math.Abs(current - previous) / Math.Abs(previous) > threshold;

    private static RowError Broken(long row, string field, string rule, string message) => new(row, field, message) { Rule = rule };

    private static string F(decimal d) => d.ToString(CultureInfo.InvariantCulture);
}

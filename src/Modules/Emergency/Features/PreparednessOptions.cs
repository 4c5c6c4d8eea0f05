using System.ComponentModel.DataAnnotations;

namespace IctGov.Emergency.Features;

/// <summary>Preparedness rules, configuration section <c>Emergency:Preparedness</c>.</summary>
internal sealed class PreparednessOptions
{
    /// <summary>
    /// Longest time between two drills of a plan. 突发事件应急预案管理办法 (国办发〔2013〕101号) art. 22:
    /// 专项应急预案、部门应急预案至少每3年进行一次应急演练; a plan that says more often sets it lower.
    /// </summary>
    [Range(1, 120)]
    public int DrillEveryMonths { get; set; } = 36;
}

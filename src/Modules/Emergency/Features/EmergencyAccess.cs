using IctGov.Kernel.Security;

namespace IctGov.Emergency.Features;

/// <summary>
/// Who sees and does what in an emergency: the ministry everything; a provincial administration its
/// own province (an incident's reports, dispatches and warnings there); an operator (or its
/// provincial branch) only its own network in the provinces it covers.
/// </summary>
internal static class EmergencyAccess
{
    /// <summary>The basic telecom operators (the Access catalogue's operator units).</summary>
    public static readonly IReadOnlySet<string> Operators = new HashSet<string>(StringComparer.Ordinal) { "ct", "cm", "cu", "cbn" };

    /// <summary>The operator an actor speaks for: its unit, or the operator of its branch (<c>cm-440000</c> → <c>cm</c>).</summary>
    public static string? OperatorOf(Actor actor)
    {
        if (actor.Role != Role.Reporter || actor.UnitId is not { } unit)
        {
            return null;
        }
        var dash = unit.IndexOf('-', StringComparison.Ordinal);
        var op = dash > 0 ? unit[..dash] : unit;
        return Operators.Contains(op) ? op : null;
    }

    /// <summary>May see what happens in <paramref name="region"/> (for an operator: its own network there).</summary>
    public static bool CoversArea(Actor actor, string region) => actor.Role switch
    {
        Role.MinistryAdmin => true,
        Role.ProvinceAdmin => actor.RegionCode == region,
        Role.Reporter => OperatorOf(actor) is not null && actor.Regions.Contains(region),
        _ => false,
    };

    /// <summary>May see this operator's figures in this area.</summary>
    public static bool SeesReport(Actor actor, string operatorId, string area) =>
        CoversArea(actor, area) && (actor.Role != Role.Reporter || OperatorOf(actor) == operatorId);

    /// <summary>May see an incident at all: it touches one of the actor's areas.</summary>
    public static bool SeesIncident(Actor actor, IEnumerable<string> regions) => regions.Any(r => CoversArea(actor, r));

    /// <summary>The unit that may manage a resource owned by <paramref name="ownerUnit"/> in <paramref name="region"/>.</summary>
    public static bool ManagesResource(Actor actor, string ownerUnit, string region) => actor.Role switch
    {
        Role.MinistryAdmin => true,
        Role.ProvinceAdmin => ownerUnit == "prov-" + actor.RegionCode || (OwnerOperator(ownerUnit) is not null && actor.RegionCode == region),
        Role.Reporter => OperatorOf(actor) is { } op && OwnerOperator(ownerUnit) == op && actor.Regions.Contains(region),
        _ => false,
    };

    /// <summary>The operator owning a resource, if an operator (or its branch) owns it.</summary>
    public static string? OwnerOperator(string ownerUnit)
    {
        var dash = ownerUnit.IndexOf('-', StringComparison.Ordinal);
        var op = dash > 0 ? ownerUnit[..dash] : ownerUnit;
        return Operators.Contains(op) ? op : null;
    }

    /// <summary>A resource's owner as a reader sees it: an operator, a branch, a provincial administration or the ministry.</summary>
    public static bool IsOwnerUnit(string? unit) =>
        unit is not null && (unit == "ministry" || OwnerOperator(unit) is not null && (unit.Length <= 3 || Domain.Catalogue.IsProvince(unit[(unit.IndexOf('-') + 1)..]))
            || unit.StartsWith("prov-", StringComparison.Ordinal) && Domain.Catalogue.IsProvince(unit[5..]));
}

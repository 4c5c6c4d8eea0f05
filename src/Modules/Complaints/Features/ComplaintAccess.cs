using IctGov.Complaints.Data;
using IctGov.Complaints.Domain;
using IctGov.Kernel.Security;

namespace IctGov.Complaints.Features;

/// <summary>
/// Who sees and acts on which complaint: the ministry all; a province's centre (通信管理局 申诉受理中心)
/// the complaints of its own region; an operator or company only the complaints about itself (an
/// operator's province branch only those in its province).
/// </summary>
internal static class ComplaintAccess
{
    public static IQueryable<ComplaintRow> Visible(this IQueryable<ComplaintRow> rows, Actor actor)
    {
        switch (actor.Role)
        {
            case Role.MinistryAdmin:
                return rows;
            case Role.ProvinceAdmin:
                var region = actor.RegionCode;
                return rows.Where(c => c.Region == region);
            case Role.Reporter when actor.UnitId is { } unit:
                if (Branch(unit) is var (op, branchRegion))
                {
                    return rows.Where(c => c.Kind == ComplaintKinds.Telecom && c.RespondentId == op && c.Region == branchRegion);
                }
                return rows.Where(c => c.RespondentId == unit);
            default:
                return rows.Where(c => false);
        }
    }

    public static bool CanSee(Actor actor, ComplaintRow c) => IsCentre(actor, c) || IsRespondent(actor, c);

    /// <summary>The ministry, or the centre of the complaint's province: decides, transfers, mediates, closes.</summary>
    public static bool IsCentre(Actor actor, ComplaintRow c) =>
        actor.Role == Role.MinistryAdmin || (actor.Role == Role.ProvinceAdmin && actor.RegionCode == c.Region);

    /// <summary>The operator or company complained about (or the operator's branch in the complaint's province).</summary>
    public static bool IsRespondent(Actor actor, ComplaintRow c) =>
        actor.Role == Role.Reporter && actor.UnitId is { } unit
        && (unit == c.RespondentId || (c.Kind == ComplaintKinds.Telecom && Branch(unit) == (c.RespondentId, c.Region)));

    /// <summary>An operator branch's unit id (<c>cm-440000</c>) as operator and region.</summary>
    private static (string Operator, string Region)? Branch(string unit)
    {
        var dash = unit.LastIndexOf('-');
        return dash > 0 && unit.Length - dash == 7 && unit[(dash + 1)..].All(char.IsAsciiDigit) ? (unit[..dash], unit[(dash + 1)..]) : null;
    }
}

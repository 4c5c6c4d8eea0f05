namespace IctGov.Kernel.Security;

/// <summary>An organisation unit as other modules see it.</summary>
/// <param name="Kind">Ministry, ProvinceAdministration, Operator, OperatorBranch or Enterprise.</param>
/// <param name="RegionCode">The region a province administration, branch or enterprise belongs to.</param>
/// <param name="ParentId">A branch's operator.</param>
public sealed record OrganisationUnit(string Id, string Kind, string NameZh, string NameEn, string? RegionCode, string? ParentId)
{
    /// <summary>The name in the page's language (pages show names; the id goes in a tooltip or an export).</summary>
    public string Name(bool english) => english ? NameEn : NameZh;
}

/// <summary>The organisation units: who reports, where.</summary>
public interface IOrganisationDirectory
{
    /// <summary>Every unit.</summary>
    Task<IReadOnlyList<OrganisationUnit>> ListAsync(CancellationToken ct = default);
}

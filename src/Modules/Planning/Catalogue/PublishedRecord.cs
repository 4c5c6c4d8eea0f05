using IctGov.Planning.Data;
using IctGov.Planning.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IctGov.Planning.Catalogue;

/// <summary>Settings of the shipped record, from the configuration section <c>Planning:PublishedRecord</c>.</summary>
internal sealed class PublishedRecordOptions
{
    /// <summary>
    /// Whether a new installation starts with the national figures published for 2021–2025
    /// (plan/published-2021-2025.csv). On by default, so the dashboard shows the plan's real progress
    /// from the first run; an installation that keeps its own record (or a test) turns it off.
    /// </summary>
    public bool Load { get; set; } = true;
}

/// <summary>
/// The plan's real record: national figures from MIIT's annual statistical bulletins (通信业统计公报),
/// NBS population and official statements, 2021–2025, each with its source, imported through the same
/// rules and audit as any file (docs/PUBLISHED_RECORD.md says where each figure comes from and which
/// are derived, and how). Loaded once, into a database that holds no observations yet.
/// </summary>
internal sealed class PublishedRecord(PlanningDbContext db, ObservationImporter importer, IOptions<PublishedRecordOptions> options)
{
    public const string ResourceName = "IctGov.Planning.published-2021-2025.csv";
    public const string Origin = "plan/published-2021-2025.csv";

    public async Task LoadOnFirstRunAsync(CancellationToken ct)
    {
        if (!options.Value.Load || await db.Observations.AnyAsync(ct))
        {
            return;
        }
        await using var csv = typeof(PublishedRecord).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"resource {ResourceName} missing");
        var outcome = await importer.ImportCsvAsync(csv, Origin, ct);
        if (!outcome.Succeeded)
        {
            // Shipped data that the rules refuse is a defect of the release, not of the installation.
            throw new InvalidOperationException($"{Origin} was refused: {string.Join("; ", outcome.Describe())}");
        }
    }
}

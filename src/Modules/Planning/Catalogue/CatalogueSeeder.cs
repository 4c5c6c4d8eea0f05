using IctGov.Data;
using IctGov.Planning.Data;
using IctGov.Planning.Evaluation;
using Microsoft.EntityFrameworkCore;

namespace IctGov.Planning.Catalogue;

/// <summary>
/// Brings a database up to date: applies migrations, then loads the plan catalogue if it is not
/// there yet. Anything already present is left alone, so a revised target or an edited
/// definition survives restarts; new catalogue entries (a later file version) are added.
/// </summary>
internal sealed class CatalogueSeeder(PlanningDbContext db, PlanCatalogue catalogue, TimeProvider clock)
{
    public async Task MigrateAndSeedAsync(CancellationToken ct = default)
    {
        await DatabaseMigrator.MigrateAsync(db, ct);
        await SeedAsync(ct);
    }

    public async Task SeedAsync(CancellationToken ct = default)
    {
        var version = await db.PlanVersions.SingleOrDefaultAsync(v => v.Code == catalogue.Version.Code, ct);
        if (version is null)
        {
            version = new PlanVersion
            {
                Code = catalogue.Version.Code,
                NameZh = catalogue.Version.NameZh,
                NameEn = catalogue.Version.NameEn,
                Effective = catalogue.Version.Effective,
                RecordedAt = clock.GetUtcNow(),
            };
            db.PlanVersions.Add(version);
            await db.SaveChangesAsync(ct);
        }

        var known = await db.Indicators.Select(i => i.No).ToListAsync(ct);
        var knownTargets = await db.IndicatorTargets.Where(t => t.PlanVersionId == version.Id && t.RegionCode == Kernel.Region.NationalCode)
            .Select(t => t.IndicatorNo).ToListAsync(ct);
        foreach (var i in catalogue.Indicators)
        {
            if (!known.Contains(i.No))
            {
                db.Indicators.Add(new Indicator
                {
                    No = i.No,
                    CategoryZh = i.CategoryZh,
                    CategoryEn = i.CategoryEn,
                    NameZh = i.NameZh,
                    NameEn = i.NameEn,
                    UnitZh = i.UnitZh,
                    UnitEn = i.UnitEn,
                    Kind = i.Kind,
                    Measure = i.Measure,
                    Projection = i.Projection,
                    Binding = i.Attribute == "binding",
                    ChangeText = i.Seed.Change,
                    FormulaNumerator = i.Formula?.Numerator,
                    FormulaDenominator = i.Formula?.Denominator,
                    FormulaScale = i.Formula?.Scale,
                });
            }
            if (!knownTargets.Contains(i.No))
            {
                db.IndicatorTargets.Add(new IndicatorTarget
                {
                    PlanVersionId = version.Id,
                    IndicatorNo = i.No,
                    RegionCode = Kernel.Region.NationalCode,
                    Baseline = (decimal?)i.Baseline,
                    Target = (decimal?)i.Target,
                    Comparison = ComparisonExtensions.ParseComparison(i.Comparison),
                    AnnualGrowthPct = (decimal?)i.AnnualGrowthPct,
                    FiveYearChange = (decimal?)i.FiveYearChange,
                });
            }
        }

        var elements = await db.DataElements.Select(e => e.Key).ToListAsync(ct);
        foreach (var e in catalogue.DataElements.Where(e => !elements.Contains(e.Key)))
        {
            db.DataElements.Add(new DataElement { Key = e.Key, NameZh = e.NameZh, NameEn = e.NameEn, UnitZh = e.UnitZh, UnitEn = e.UnitEn, Additive = e.Additive });
        }

        var projects = await db.ProjectTargets.Select(p => p.Key).ToListAsync(ct);
        foreach (var p in catalogue.ProjectTargets.Where(p => !projects.Contains(p.Key)))
        {
            db.ProjectTargets.Add(new ProjectTarget
            {
                Key = p.Key,
                Column = p.Column,
                Item = p.Item,
                ColumnTitleZh = p.ColumnTitleZh,
                ColumnTitleEn = p.ColumnTitleEn,
                NameZh = p.NameZh,
                NameEn = p.NameEn,
                UnitZh = p.UnitZh,
                UnitEn = p.UnitEn,
                Comparison = p.Comparison == "=" ? Comparison.AtLeast : ComparisonExtensions.ParseComparison(p.Comparison),
                Target = (decimal)p.Target,
                TargetYear = p.TargetYear,
                PerYear = p.PerYear,
                Quote = p.Quote,
            });
        }
        await db.SaveChangesAsync(ct);
    }
}

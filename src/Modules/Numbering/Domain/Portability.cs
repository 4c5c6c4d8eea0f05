using System.Globalization;
using IctGov.Kernel.Results;

namespace IctGov.Numbering.Domain;

/// <summary>What the donor operator knows of the subscriber asking to port (携号转网服务管理规定 2019).</summary>
internal sealed record SubscriberFacts(bool RealName, string? Status, bool BillsSettled, DateOnly? ContractEnds, DateOnly? ActivatedOn);

/// <summary>
/// The portability rules of 携号转网服务管理规定 (MIIT, in force 2019-12-01): a number may port when
/// it is registered under the subscriber's real name, in normal status, with billed charges settled,
/// no unexpired term contract, and at least 120 days in the network and since its last port; the
/// authorisation code lives 60 minutes; a port takes effect at a full hour.
/// </summary>
internal static class Portability
{
    public const int MinimumDays = 120;
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(60);

    /// <summary>Every rule the number fails, as errors naming the fact; empty when it may port.</summary>
    public static List<RowError> Check(SubscriberFacts facts, DateOnly? lastPorted, DateOnly today)
    {
        var errors = new List<RowError>();
        if (!facts.RealName)
        {
            errors.Add(new RowError(1, "realName", "the number must be registered under the subscriber's real name (实名登记)"));
        }
        if (facts.Status != "normal")
        {
            errors.Add(new RowError(1, "status", "the number must be in normal status (not suspended, barred or being cancelled)") { Value = facts.Status });
        }
        if (!facts.BillsSettled)
        {
            errors.Add(new RowError(1, "billsSettled", "billed charges must be settled"));
        }
        if (facts.ContractEnds is { } end && end >= today)
        {
            errors.Add(new RowError(1, "contractEnds", $"a term contract runs until {end:yyyy-MM-dd}; it must end or be cleared first") { Value = end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        }
        if (facts.ActivatedOn is not { } activated)
        {
            errors.Add(new RowError(1, "activatedOn", "expected the date the number was activated in the network"));
        }
        else if (today.DayNumber - activated.DayNumber < MinimumDays)
        {
            errors.Add(new RowError(1, "activatedOn", $"at least {MinimumDays} days in the network are required; {today.DayNumber - activated.DayNumber} so far") { Value = activated.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        }
        if (lastPorted is { } last && today.DayNumber - last.DayNumber < MinimumDays)
        {
            errors.Add(new RowError(1, "number", $"the number was last ported on {last:yyyy-MM-dd}; {MinimumDays} days must pass before it ports again"));
        }
        return errors;
    }

    /// <summary>The first full hour after <paramref name="instant"/> (a port never takes effect mid-hour, nor at the instant it is agreed).</summary>
    // Beijing is UTC+8 all year (no summer time), so a full hour in UTC is a full hour in Beijing.
    public static DateTimeOffset NextFullHour(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
    }
}

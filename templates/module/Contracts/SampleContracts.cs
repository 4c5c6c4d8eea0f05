using IctGov.Kernel.Results;
using IctGov.Kernel.Security;

namespace IctGov.Sample.Contracts;

/// <summary>One entry of the register, as other modules and the API see it.</summary>
/// <param name="Code">The entry's code, unique in the register.</param>
/// <param name="NameZh">Its name in Chinese.</param>
/// <param name="NameEn">Its name in English.</param>
/// <param name="Registered">The China Standard Time date it was registered.</param>
public sealed record SampleEntry(string Code, string NameZh, string NameEn, DateOnly Registered);

/// <summary>What other modules may ask of the Sample module.</summary>
public interface ISampleRegister
{
    /// <summary>Every entry, by code.</summary>
    Task<IReadOnlyList<SampleEntry>> ListAsync(CancellationToken ct = default);

    /// <summary>Registers an entry for <paramref name="actor"/> (the ministry); refused with the field that is wrong.</summary>
    Task<Outcome<SampleEntry>> RegisterAsync(Actor actor, string code, string nameZh, string nameEn, CancellationToken ct = default);
}

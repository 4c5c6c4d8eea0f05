using IctGov.Kernel.Results;
using IctGov.Kernel.Security;

namespace IctGov.Resources.Contracts;

/// <summary>A filing subject to register (备案主体): an organisation or an individual. Fields are text as typed; the registry validates them.</summary>
/// <param name="Kind"><c>organisation</c> (单位) or <c>individual</c> (个人).</param>
/// <param name="Name">The organisation's registered name or the person's name.</param>
/// <param name="CreditCode">An organisation's 18-character unified social credit code (GB 32100-2015).</param>
/// <param name="IdNumber">An individual's 18-character citizen identity number (GB 11643-1999); kept only masked.</param>
/// <param name="Region">GB/T 2260 code of the province the subject files in.</param>
public sealed record SubjectInput(string? Kind, string? Name, string? CreditCode, string? IdNumber, string? Region);

/// <summary>A registered filing subject as the registry shows it: personal identity numbers only masked.</summary>
/// <param name="Handle">The subject's handle in the registry (RDAP entity handle).</param>
/// <param name="Kind"><c>organisation</c> or <c>individual</c>.</param>
/// <param name="Name">Its name.</param>
/// <param name="CreditCode">An organisation's credit code; null for an individual.</param>
/// <param name="IdMasked">An individual's masked identity number; null for an organisation.</param>
/// <param name="Region">GB/T 2260 province code.</param>
/// <param name="Registered">China Standard Time date it was registered.</param>
public sealed record SubjectView(string Handle, string Kind, string Name, string? CreditCode, string? IdMasked, string Region, DateOnly Registered);

/// <summary>An access provider (接入服务商) to register.</summary>
/// <param name="Name">Its registered name.</param>
/// <param name="CreditCode">Its unified social credit code.</param>
/// <param name="LicenceNumber">Its value-added telecom service licence number (e.g. B1-20180001), if it holds one.</param>
/// <param name="Region">GB/T 2260 province code of its seat.</param>
public sealed record ProviderInput(string? Name, string? CreditCode, string? LicenceNumber, string? Region);

/// <summary>A registered access provider.</summary>
/// <param name="Handle">Its handle (RDAP entity handle).</param>
/// <param name="Name">Its name.</param>
/// <param name="CreditCode">Its credit code.</param>
/// <param name="LicenceNumber">Its licence number, or null when none is recorded.</param>
/// <param name="Region">GB/T 2260 province code.</param>
public sealed record ProviderView(string Handle, string Name, string CreditCode, string? LicenceNumber, string Region);

/// <summary>A domain registration to record.</summary>
/// <param name="Name">The name in Unicode or A-label (punycode) form.</param>
/// <param name="Registrar">The registrar's name.</param>
/// <param name="Registrant">The registrant: a registered subject's handle or credit code, or a name when the registrant is not a filing subject.</param>
/// <param name="Status">EPP status codes (RFC 5731), separated by spaces; empty means <c>ok</c>.</param>
/// <param name="Created">Registration date, yyyy-MM-dd.</param>
/// <param name="Expires">Expiry date, yyyy-MM-dd.</param>
/// <param name="NameServers">Name server host names, separated by spaces.</param>
public sealed record DomainInput(string? Name, string? Registrar, string? Registrant, string? Status, string? Created, string? Expires, string? NameServers);

/// <summary>A registered domain.</summary>
/// <param name="Name">A-label form.</param>
/// <param name="UnicodeName">Unicode form (equal to <paramref name="Name"/> for an ASCII name).</param>
/// <param name="Registrar">Registrar.</param>
/// <param name="RegistrantHandle">The registrant subject's handle, when it is a registered subject.</param>
/// <param name="RegistrantName">The registrant's name.</param>
/// <param name="Statuses">EPP status codes.</param>
/// <param name="Created">Registration date.</param>
/// <param name="Expires">Expiry date.</param>
/// <param name="NameServers">Name servers, A-label form.</param>
public sealed record DomainView(string Name, string UnicodeName, string Registrar, string? RegistrantHandle, string RegistrantName,
    IReadOnlyList<string> Statuses, DateOnly Created, DateOnly Expires, IReadOnlyList<string> NameServers);

/// <summary>An IP block to record in the allocation hierarchy.</summary>
/// <param name="Prefix">CIDR text, network address with host bits zero (203.0.113.0/24, 2001:db8::/32).</param>
/// <param name="Parent">The block it is allocated from; empty to take the smallest registered block containing it (none: a registry block).</param>
/// <param name="Kind"><c>registry</c> (a block the registry holds), <c>allocation</c> (to an operator) or <c>assignment</c> (to a customer).</param>
/// <param name="Holder">Who holds it: an access provider's handle or credit code, or a name.</param>
/// <param name="Purpose">What it is used for.</param>
/// <param name="Region">GB/T 2260 province code where it is used (100000 for national).</param>
/// <param name="Allocated">Allocation date, yyyy-MM-dd.</param>
public sealed record PrefixInput(string? Prefix, string? Parent, string? Kind, string? Holder, string? Purpose, string? Region, string? Allocated);

/// <summary>A recorded IP block.</summary>
/// <param name="Prefix">Canonical CIDR text.</param>
/// <param name="Version">4 or 6.</param>
/// <param name="Parent">The block it was allocated from, or null for a registry block.</param>
/// <param name="Kind">registry, allocation or assignment.</param>
/// <param name="Holder">Holder's name.</param>
/// <param name="ProviderHandle">The holder's access-provider handle, when it is one.</param>
/// <param name="Purpose">Purpose.</param>
/// <param name="Region">GB/T 2260 code.</param>
/// <param name="Allocated">Allocation date.</param>
public sealed record PrefixView(string Prefix, int Version, string? Parent, string Kind, string Holder, string? ProviderHandle, string? Purpose, string Region, DateOnly Allocated);

/// <summary>How many records a batch wrote.</summary>
/// <param name="Written">Rows written.</param>
public sealed record BatchResult(int Written);

/// <summary>
/// The registry of Internet basic resources (专栏13 互联网"聚源"工程): filing subjects, access providers,
/// domains and IP blocks. Every write validates the whole batch first and writes nothing if any row is wrong.
/// </summary>
public interface IResourceRegistry
{
    /// <summary>Registers subjects (ministry).</summary>
    Task<Outcome<BatchResult>> AddSubjectsAsync(Actor actor, IReadOnlyList<SubjectInput> rows, CancellationToken ct = default);

    /// <summary>Registers access providers (ministry).</summary>
    Task<Outcome<BatchResult>> AddProvidersAsync(Actor actor, IReadOnlyList<ProviderInput> rows, CancellationToken ct = default);

    /// <summary>Records domain registrations (ministry).</summary>
    Task<Outcome<BatchResult>> AddDomainsAsync(Actor actor, IReadOnlyList<DomainInput> rows, CancellationToken ct = default);

    /// <summary>Records IP blocks (ministry); a block outside its parent or overlapping a sibling is refused naming the other block.</summary>
    Task<Outcome<BatchResult>> AddPrefixesAsync(Actor actor, IReadOnlyList<PrefixInput> rows, CancellationToken ct = default);

    /// <summary>A domain by either form of its name; null when not registered.</summary>
    Task<DomainView?> FindDomainAsync(string name, CancellationToken ct = default);

    /// <summary>The most specific recorded block containing an address or prefix; null when none does.</summary>
    Task<PrefixView?> FindPrefixAsync(string addressOrPrefix, CancellationToken ct = default);
}

/// <summary>A website or app filing (网站备案 / APP备案) as submitted by form, JSON or CSV.</summary>
/// <param name="Kind"><c>website</c> or <c>app</c>.</param>
/// <param name="Subject">The filing subject: its handle (SUBJ-n) or credit code.</param>
/// <param name="Provider">The access provider: its handle (PROV-n) or credit code.</param>
/// <param name="Name">The website's or app's name.</param>
/// <param name="Domains">Domains a website serves (space-separated; at least one for a website).</param>
/// <param name="Addresses">IP addresses it is served from (space-separated).</param>
/// <param name="ResponsibleName">The person in charge (负责人).</param>
/// <param name="ResponsibleId">The person in charge's identity number (kept only masked).</param>
/// <param name="Category">Service content category (e.g. 企业官网, 新闻资讯).</param>
public sealed record FilingInput(string? Kind, string? Subject, string? Provider, string? Name, string? Domains, string? Addresses,
    string? ResponsibleName, string? ResponsibleId, string? Category);

/// <summary>A filing as the registry shows it (the person in charge's identity number masked).</summary>
/// <param name="Id">Its id.</param>
/// <param name="Kind">website or app.</param>
/// <param name="SubjectHandle">The subject's handle.</param>
/// <param name="SubjectName">The subject's name.</param>
/// <param name="Region">The deciding province (GB/T 2260).</param>
/// <param name="ProviderHandle">The access provider's handle.</param>
/// <param name="ProviderName">The access provider's name.</param>
/// <param name="Name">Website or app name.</param>
/// <param name="Domains">Domains.</param>
/// <param name="Addresses">Addresses.</param>
/// <param name="ResponsibleName">Person in charge.</param>
/// <param name="ResponsibleIdMasked">Their masked identity number.</param>
/// <param name="Category">Content category.</param>
/// <param name="State">submitted, verified, approved, returned or cancelled.</param>
/// <param name="Submitted">Submission date.</param>
/// <param name="Deadline">Last working day for the province's decision, once verified.</param>
/// <param name="Overdue">True while verified and past the deadline.</param>
/// <param name="Number">Filing number once approved.</param>
/// <param name="Reasons">Why it was returned.</param>
public sealed record FilingView(long Id, string Kind, string SubjectHandle, string SubjectName, string Region, string ProviderHandle, string ProviderName,
    string Name, IReadOnlyList<string> Domains, IReadOnlyList<string> Addresses, string ResponsibleName, string ResponsibleIdMasked, string Category,
    string State, DateOnly Submitted, DateOnly? Deadline, bool Overdue, string? Number, string? Reasons);

/// <summary>A filing as another module checks it (the APP signing service checks an app's filing number).</summary>
/// <param name="Number">The filing number.</param>
/// <param name="Kind"><c>website</c> or <c>app</c>.</param>
/// <param name="Name">The website's or app's name.</param>
/// <param name="SubjectName">The filing subject's name.</param>
/// <param name="SubjectCreditCode">The subject's credit code; null for an individual.</param>
/// <param name="State">submitted, verified, approved, returned or cancelled.</param>
public sealed record FilingCheck(string Number, string Kind, string Name, string SubjectName, string? SubjectCreditCode, string State);

/// <summary>Looking filings and subjects up by their public keys, for other modules' checks.</summary>
public interface IFilingLookup
{
    /// <summary>The filing with number <paramref name="number"/>, whatever its state; null when none has it.</summary>
    Task<FilingCheck?> FindByNumberAsync(string number, CancellationToken ct = default);

    /// <summary>The registered subject with credit code or handle <paramref name="creditCodeOrHandle"/>; null when none is registered.</summary>
    Task<SubjectView?> FindSubjectAsync(string creditCodeOrHandle, CancellationToken ct = default);
}

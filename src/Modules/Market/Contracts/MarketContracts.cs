namespace IctGov.Market.Contracts;

/// <summary>An application for a telecom business licence, as received by the licensing office.</summary>
/// <param name="Kind"><c>basic</c>, <c>cross_regional</c> or <c>provincial</c>.</param>
/// <param name="ApplicantCode">The applicant's unified social credit code (GB 32100-2015).</param>
/// <param name="ApplicantName">The applicant's registered name.</param>
/// <param name="Services">Codes of the 2015 telecom services catalogue (A11-1, B21, B25 …).</param>
/// <param name="Coverage">GB/T 2260 codes of the provinces covered, or <c>100000</c> for the whole nation.</param>
/// <param name="TermYears">The licence's term: 5 (value-added), 5 or 10 (basic); 5 when omitted.</param>
/// <param name="Promise">Filed on the promise-based path (告知承诺), for the services it covers.</param>
/// <param name="Received">The day the materials arrived; today when omitted.</param>
public sealed record ApplicationInput(string? Kind, string? ApplicantCode, string? ApplicantName, IReadOnlyList<string>? Services,
    IReadOnlyList<string>? Coverage, int? TermYears, bool Promise, DateOnly? Received);

/// <summary>An application with its clocks, as of the day it is read.</summary>
/// <param name="Id">The application's number.</param>
/// <param name="Kind">The licence kind applied for.</param>
/// <param name="Authority">The deciding authority: <c>100000</c> (the ministry) or a province.</param>
/// <param name="ApplicantCode">The applicant's credit code.</param>
/// <param name="ApplicantName">The applicant's name.</param>
/// <param name="Services">The services applied for.</param>
/// <param name="Coverage">The regions applied for.</param>
/// <param name="TermYears">The term applied for.</param>
/// <param name="Promise">On the promise-based path.</param>
/// <param name="State"><c>received</c>, <c>awaiting_materials</c>, <c>accepted</c>, <c>approved</c> or <c>refused</c>.</param>
/// <param name="Received">Day of receipt.</param>
/// <param name="NoticeDue">Last day for the one-time notice of missing materials (5 working days).</param>
/// <param name="NoticeSent">Day the notice was sent, if one was.</param>
/// <param name="MissingMaterials">What the notice asked for.</param>
/// <param name="Accepted">Day of acceptance (受理).</param>
/// <param name="DecisionDue">Last day for the decision (60 days VAS, 180 basic, from acceptance).</param>
/// <param name="Decided">Day of the decision.</param>
/// <param name="Reason">The reason given for a refusal.</param>
/// <param name="LicenceNumber">The licence issued on approval.</param>
/// <param name="PostCheckDue">For a promise-based approval, the last day to check the promise.</param>
/// <param name="PromiseHeld">The check's result, once made.</param>
/// <param name="Overdue">True when a clock has run out with nothing done (notice or decision).</param>
public sealed record ApplicationView(long Id, string Kind, string Authority, string ApplicantCode, string ApplicantName,
    IReadOnlyList<string> Services, IReadOnlyList<string> Coverage, int TermYears, bool Promise, string State, DateOnly Received,
    DateOnly NoticeDue, DateOnly? NoticeSent, string? MissingMaterials, DateOnly? Accepted, DateOnly? DecisionDue, DateOnly? Decided,
    string? Reason, string? LicenceNumber, DateOnly? PostCheckDue, bool? PromiseHeld, bool Overdue);

/// <summary>A licence as issued.</summary>
/// <param name="Number">Its number as issued (A1.A2-20090001, B1-20180001, 京B2-20190123).</param>
/// <param name="Kind"><c>basic</c>, <c>cross_regional</c> or <c>provincial</c>.</param>
/// <param name="Authority">The issuing authority's region code (<c>100000</c> for the ministry).</param>
/// <param name="HolderCode">The holder's unified social credit code.</param>
/// <param name="HolderName">The holder's name.</param>
/// <param name="Services">The services it permits.</param>
/// <param name="Coverage">The regions it covers.</param>
/// <param name="Issued">Day of issue.</param>
/// <param name="Expires">Last day of validity.</param>
/// <param name="Status"><c>valid</c>, <c>suspended</c>, <c>revoked</c>, <c>cancelled</c>, or <c>expired</c> after <paramref name="Expires"/>.</param>
/// <param name="StatusReason">Why the status was changed.</param>
public sealed record LicenceView(string Number, string Kind, string Authority, string HolderCode, string HolderName,
    IReadOnlyList<string> Services, IReadOnlyList<string> Coverage, DateOnly Issued, DateOnly Expires, string Status, string? StatusReason);

/// <summary>A change of a licence's status by its issuing authority.</summary>
/// <param name="Status"><c>suspended</c>, <c>revoked</c>, <c>cancelled</c> or <c>valid</c> (lifting a suspension).</param>
/// <param name="Reason">Why, as written in the decision.</param>
public sealed record LicenceStatusInput(string? Status, string? Reason);

/// <summary>An entry to make on a credit list; the list follows from the ground (令42 arts. 38, 42).</summary>
/// <param name="HolderCode">The holder's unified social credit code.</param>
/// <param name="Ground"><c>annual_report_overdue</c>, <c>penalty</c>, <c>licence_revoked</c>, <c>penalty_unexecuted</c>, <c>fraud</c>, <c>false_promise</c> or <c>joint_punishment</c>.</param>
/// <param name="Decision">The decision it rests on, as numbered by its authority.</param>
/// <param name="DecisionDate">The decision's date.</param>
/// <param name="LicenceNumber">The licence concerned, if any.</param>
public sealed record CreditListingInput(string? HolderCode, string? Ground, string? Decision, DateOnly? DecisionDate, string? LicenceNumber);

/// <summary>Taking an entry off its list before its term ends: the annual report filed and confirmed, or the decision withdrawn.</summary>
/// <param name="Reason"><c>report_filed</c> (an annual-report entry only) or <c>decision_withdrawn</c> (the decision revoked on review or in court).</param>
/// <param name="Note">What the authority confirmed.</param>
public sealed record CreditRemovalInput(string? Reason, string? Note);

/// <summary>An entry on a credit list, as published.</summary>
/// <param name="Id">The entry's number.</param>
/// <param name="List"><c>poor</c> (不良名单) or <c>dishonest</c> (失信名单).</param>
/// <param name="Ground">The ground's wire name.</param>
/// <param name="GroundZh">The ground as the rules word it.</param>
/// <param name="GroundEn">In English.</param>
/// <param name="Source">The instrument the ground rests on.</param>
/// <param name="HolderCode">The holder's credit code.</param>
/// <param name="HolderName">The holder's name.</param>
/// <param name="LicenceNumber">The licence concerned, if any.</param>
/// <param name="Decision">The decision.</param>
/// <param name="DecisionDate">The decision's date.</param>
/// <param name="Listed">The day listed.</param>
/// <param name="Authority">The listing authority.</param>
/// <param name="LastDay">Last day on the list by its term; null when removal waits on the holder.</param>
/// <param name="Removed">The day taken off early, if it was.</param>
/// <param name="RemovalReason">Why it was taken off early.</param>
/// <param name="Active">On the list on the day asked about.</param>
/// <param name="ListedLate">Listed after the rules' period from the decision (30 days for penalties).</param>
public sealed record CreditListingView(long Id, string List, string Ground, string GroundZh, string GroundEn, string Source, string HolderCode,
    string HolderName, string? LicenceNumber, string Decision, DateOnly DecisionDate, DateOnly Listed, string Authority, DateOnly? LastDay,
    DateOnly? Removed, string? RemovalReason, bool Active, bool ListedLate);

/// <summary>An event counted in a credit score.</summary>
/// <param name="Event">The rule it falls under (a listing ground, or <c>inspection_finding</c>).</param>
/// <param name="Occurred">The day of the decision or finding.</param>
/// <param name="Points">Its points under the rule table.</param>
/// <param name="LastDay">The last day its points count.</param>
/// <param name="Source">Where it comes from (<c>credit_listing:12</c>, <c>inspection:3</c>).</param>
public sealed record CreditPointsView(string Event, DateOnly Occurred, int Points, DateOnly LastDay, string Source);

/// <summary>A holder's credit score (信用记分) on a day.</summary>
/// <param name="HolderCode">The holder's credit code.</param>
/// <param name="HolderName">The holder's name.</param>
/// <param name="AsOf">The day.</param>
/// <param name="Points">The points counting that day.</param>
/// <param name="Level">The level those points give (A, B, C by default).</param>
/// <param name="Counted">The events counted.</param>
public sealed record CreditScoreView(string HolderCode, string HolderName, DateOnly AsOf, int Points, string Level, IReadOnlyList<CreditPointsView> Counted);

/// <summary>A change of a holder's score: from <paramref name="From"/>, these points and this level.</summary>
/// <param name="From">The first day of the new score.</param>
/// <param name="Points">The points.</param>
/// <param name="Level">The level.</param>
public sealed record CreditScoreChange(DateOnly From, int Points, string Level);

/// <summary>A holder's score on a day and every change of it.</summary>
/// <param name="Score">The score on the day asked about.</param>
/// <param name="History">Every change, oldest first.</param>
public sealed record CreditScoreHistory(CreditScoreView Score, IReadOnlyList<CreditScoreChange> History);

/// <summary>A 双随机 inspection plan: what is checked, among whom, in what share per credit level, and by whom.</summary>
/// <param name="Title">The plan's title.</param>
/// <param name="Items">The inspection items (检查事项清单).</param>
/// <param name="Services">Only holders licensed for one of these services; all when empty.</param>
/// <param name="Regions">Only holders whose licences cover one of these provinces; all in the authority's charge when empty.</param>
/// <param name="Ratios">The share of each credit level drawn ("A": "0.05"); a level without a ratio is not in the pool.</param>
/// <param name="Inspectors">The inspector pool.</param>
public sealed record InspectionPlanInput(string? Title, IReadOnlyList<string>? Items, IReadOnlyList<string>? Services, IReadOnlyList<string>? Regions,
    IReadOnlyDictionary<string, string>? Ratios, IReadOnlyList<DrawInspector>? Inspectors);

/// <summary>The public figure announced before a draw, from which (with the plan) its seed is made.</summary>
/// <param name="Announced">What was announced, with its date and source.</param>
public sealed record DrawRequest(string? Announced);

/// <summary>The result of one item at one object drawn.</summary>
/// <param name="HolderCode">The object.</param>
/// <param name="Item">The inspection item, as the plan lists it.</param>
/// <param name="Outcome"><c>compliant</c> or <c>finding</c> (a finding counts in the credit score).</param>
/// <param name="Note">What was found.</param>
public sealed record InspectionResultInput(string? HolderCode, string? Item, string? Outcome, string? Note);

/// <summary>A plan as published: its fields, and its draw once made.</summary>
/// <param name="Id">The plan's number.</param>
/// <param name="Authority">The authority running it.</param>
/// <param name="Title">Its title.</param>
/// <param name="Items">The inspection items.</param>
/// <param name="Drawn">The day of the draw.</param>
/// <param name="Seed">The draw's seed.</param>
/// <param name="Drawing">The objects drawn, with their inspectors.</param>
/// <param name="Results">The results recorded so far.</param>
public sealed record InspectionPlanView(long Id, string Authority, string Title, IReadOnlyList<string> Items, DateOnly? Drawn, string? Seed,
    IReadOnlyList<DrawPick> Drawing, IReadOnlyList<InspectionResultView> Results);

/// <summary>A result as published.</summary>
/// <param name="HolderCode">The object.</param>
/// <param name="Item">The item.</param>
/// <param name="Outcome"><c>compliant</c> or <c>finding</c>.</param>
/// <param name="Note">What was found.</param>
/// <param name="Recorded">The day recorded.</param>
public sealed record InspectionResultView(string HolderCode, string Item, string Outcome, string? Note, DateOnly Recorded);

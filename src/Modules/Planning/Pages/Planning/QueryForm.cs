namespace IctGov.Planning.Pages.Planning;

/// <summary>The date-and-region form at the top of the pages: where it submits to and what is selected.</summary>
/// <param name="Action">The page path the form submits to (GET).</param>
/// <param name="ShowRegion">False where the page has no regional view (the project targets are national).</param>
internal sealed record QueryForm(string Action, DateOnly AsOf, string RegionCode, bool ShowRegion = true);

namespace IctGov.Resources.Domain;

/// <summary>
/// The domain status codes of EPP (RFC 5731 §2.3) and their RDAP values (RFC 8056 §2, the RDAP JSON
/// Values registry): the registry stores the EPP code, RDAP shows its mapped value.
/// </summary>
internal static class EppStatus
{
    public static readonly IReadOnlyDictionary<string, string> ToRdap = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ok"] = "active",
        ["inactive"] = "inactive",
        ["clientDeleteProhibited"] = "client delete prohibited",
        ["clientHold"] = "client hold",
        ["clientRenewProhibited"] = "client renew prohibited",
        ["clientTransferProhibited"] = "client transfer prohibited",
        ["clientUpdateProhibited"] = "client update prohibited",
        ["pendingCreate"] = "pending create",
        ["pendingDelete"] = "pending delete",
        ["pendingRenew"] = "pending renew",
        ["pendingTransfer"] = "pending transfer",
        ["pendingUpdate"] = "pending update",
        ["serverDeleteProhibited"] = "server delete prohibited",
        ["serverHold"] = "server hold",
        ["serverRenewProhibited"] = "server renew prohibited",
        ["serverTransferProhibited"] = "server transfer prohibited",
        ["serverUpdateProhibited"] = "server update prohibited",
    };

    /// <summary>
    /// Splits a list of codes (spaces, commas or semicolons between them) into known codes in the case RFC 5731 spells
    /// them; null with <paramref name="problem"/> naming an unknown code. "ok" combines with no other code but "inactive" (RFC 5731 §2.3).
    /// </summary>
    public static IReadOnlyList<string>? Parse(string? text, out string? problem)
    {
        problem = null;
        var codes = new List<string>();
        foreach (var raw in (text ?? "").Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            var known = ToRdap.Keys.FirstOrDefault(k => string.Equals(k, raw, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                problem = $"'{raw}' is not an EPP domain status (RFC 5731: ok, clientHold, serverTransferProhibited, …)";
                return null;
            }
            if (!codes.Contains(known))
            {
                codes.Add(known);
            }
        }
        if (codes.Count == 0)
        {
            codes.Add("ok");
        }
        if (codes.Contains("ok") && codes.Any(c => c is not "ok" and not "inactive"))
        {
            problem = "'ok' cannot be combined with another status but 'inactive' (RFC 5731 §2.3)";
            return null;
        }
        return codes;
    }
}

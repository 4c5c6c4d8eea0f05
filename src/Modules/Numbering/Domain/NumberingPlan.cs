using IctGov.Kernel.Results;

namespace IctGov.Numbering.Domain;

/// <summary>The kinds of numbering resource the ministry allocates (电信网码号资源管理办法 art.4).</summary>
internal static class ResourceKinds
{
    /// <summary>Mobile numbers: network code + H0H1H2H3, a block of 10,000 subscriber numbers.</summary>
    public const string Mobile = "mobile";
    /// <summary>Fixed-network local numbers: area code + the first four digits of an eight-digit local number.</summary>
    public const string Fixed = "fixed";
    /// <summary>SMS access codes (106…), allocated whole.</summary>
    public const string Sms = "sms";
    /// <summary>Service short codes (95xxx national, 96xxx provincial, 1xxxx), allocated whole.</summary>
    public const string ShortCode = "short";
    /// <summary>IoT numbers: 13 digits, a block of 10,000 by network code + five digits.</summary>
    public const string Iot = "iot";

    public static readonly string[] All = [Mobile, Fixed, Sms, ShortCode, Iot];
}

/// <summary>
/// The numbering plan as data: which prefixes are numbering resources of which kind, how many
/// numbers a block holds, and which operator each mobile network code was assigned to. A resource
/// is named by its prefix in the national number space, so two resources overlap exactly when one
/// prefix begins the other, whatever their kinds (a 1xxxx short code inside 106… is a real clash).
/// </summary>
internal static class NumberingPlan
{
    /// <summary>Mobile network codes (网号) and the operator each is assigned to (the published plan of segments).</summary>
    public static readonly IReadOnlyDictionary<string, string> MobileNetworkCodes = Assign(
        ("cm", "134 135 136 137 138 139 147 150 151 152 157 158 159 172 178 182 183 184 187 188 195 197 198"),
        ("cu", "130 131 132 145 155 156 166 167 171 175 176 185 186 196"),
        ("ct", "133 149 153 162 173 174 177 180 181 189 190 191 193 199"),
        ("cbn", "192"));

    /// <summary>IoT network codes (13-digit numbers) and their operators.</summary>
    public static readonly IReadOnlyDictionary<string, string> IotNetworkCodes = Assign(
        ("cm", "148 144"), ("cu", "146"), ("ct", "141 140"));

    public static readonly string[] Operators = ["ct", "cm", "cu", "cbn"];

    private static Dictionary<string, string> Assign(params (string Op, string Codes)[] lists) =>
        lists.SelectMany(l => l.Codes.Split(' ').Select(c => (c, l.Op))).ToDictionary(p => p.c, p => p.Op);

    /// <summary>True for a string of ASCII digits of length <paramref name="min"/>–<paramref name="max"/>.</summary>
    public static bool IsDigits(string? s, int min, int max) =>
        s is not null && s.Length >= min && s.Length <= max && s.All(char.IsAsciiDigit);

    /// <summary>
    /// Checks a resource of <paramref name="kind"/> named by <paramref name="prefix"/> against the plan
    /// for <paramref name="holder"/>; returns the numbers it holds, or the errors (field "prefix").
    /// </summary>
    public static long Check(string kind, string? prefix, string holder, List<RowError> errors, int row = 1)
    {
        string? problem = null;
        long capacity = 0;
        switch (kind)
        {
            case ResourceKinds.Mobile:
                if (!IsDigits(prefix, 7, 7) || !MobileNetworkCodes.TryGetValue(prefix![..3], out var mobileOp))
                {
                    problem = "expected a mobile block: a network code of the plan (1xx) and H0H1H2H3, seven digits";
                }
                else if (mobileOp != holder)
                {
                    problem = $"network code {prefix[..3]} is assigned to {mobileOp}, not {holder}";
                }
                capacity = 10_000;
                break;
            case ResourceKinds.Iot:
                if (!IsDigits(prefix, 8, 8) || !IotNetworkCodes.TryGetValue(prefix![..3], out var iotOp))
                {
                    problem = "expected an IoT block: an IoT network code (14x) and five digits, eight digits";
                }
                else if (iotOp != holder)
                {
                    problem = $"IoT network code {prefix[..3]} is assigned to {iotOp}, not {holder}";
                }
                capacity = 100_000;
                break;
            case ResourceKinds.Fixed:
                if (AreaCodeLength(prefix) is not { } area || prefix!.Length != area + 4 || prefix[area] is '0' or '1')
                {
                    problem = "expected an area code (010, 02x or 0xxx) and the first four digits of a local number (not starting 0 or 1)";
                }
                capacity = 10_000;
                break;
            case ResourceKinds.Sms:
                if (!IsDigits(prefix, 5, 12) || !prefix!.StartsWith("106", StringComparison.Ordinal))
                {
                    problem = "expected an SMS access code: 106 and 2–9 more digits";
                }
                capacity = 1;
                break;
            case ResourceKinds.ShortCode:
                if (!IsDigits(prefix, 5, 5) || prefix![0] != '1' && !prefix.StartsWith("95", StringComparison.Ordinal) && !prefix.StartsWith("96", StringComparison.Ordinal))
                {
                    problem = "expected a five-digit short code: 95xxx, 96xxx or 1xxxx";
                }
                capacity = 1;
                break;
            default:
                errors.Add(new RowError(row, "kind", "expected one of " + string.Join(", ", ResourceKinds.All)) { Value = kind });
                return 0;
        }
        if (problem is not null)
        {
            errors.Add(new RowError(row, "prefix", problem) { Value = prefix });
        }
        return capacity;
    }

    /// <summary>Length of the area code a fixed-network prefix starts with: 3 for 010 and 02x, 4 for other 0xxx.</summary>
    private static int? AreaCodeLength(string? prefix)
    {
        if (!IsDigits(prefix, 7, 8) || prefix![0] != '0' || prefix[1] == '0')
        {
            return null;
        }
        return prefix[1] is '1' or '2' ? 3 : 4;
    }

    /// <summary>Every leading part of <paramref name="s"/>, itself included: the prefixes a resource holding it may have.</summary>
    public static string[] Heads(string s) => Enumerable.Range(1, s.Length).Select(n => s[..n]).ToArray();

    /// <summary>A subscriber number in national form: 11-digit mobile, 13-digit IoT, or 0 + area code + local number.</summary>
    public static bool IsNationalNumber(string? number) =>
        IsDigits(number, 10, 13) && (number![0] == '1' && number.Length is 11 or 13 || number[0] == '0' && number[1] != '0');

    /// <summary>Country code of China (E.164), prefixed to national numbers without their trunk 0.</summary>
    public const string CountryCode = "86";

    /// <summary>A national number or prefix as E.164 digits without +: 86, then the digits after a fixed-network trunk 0.</summary>
    public static string E164(string national) => CountryCode + (national.StartsWith('0') ? national[1..] : national);

    /// <summary>The national number of E.164 digits under +86 (a fixed-network number regains its trunk 0), or null when it is not one.</summary>
    public static string? National(string e164)
    {
        if (!e164.StartsWith(CountryCode, StringComparison.Ordinal))
        {
            return null;
        }
        var rest = e164[CountryCode.Length..];
        return IsNationalNumber(rest) && rest[0] == '1' ? rest : IsNationalNumber("0" + rest) ? "0" + rest : null;
    }

    /// <summary>
    /// Digits of a whole national number under a resource of <paramref name="kind"/> named by <paramref name="prefix"/>:
    /// 11 for mobile, 13 for IoT, area code + 8 for fixed; a short code is a number of its own.
    /// </summary>
    public static int NumberLength(string kind, string prefix) => kind switch
    {
        ResourceKinds.Mobile => 11,
        ResourceKinds.Iot => 13,
        ResourceKinds.Fixed => (prefix.Length > 1 && prefix[1] is '1' or '2' ? 3 : 4) + 8,
        _ => prefix.Length,
    };
}

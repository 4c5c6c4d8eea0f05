using System.Globalization;
using System.Text;

namespace NetqGen;

/// <summary>
/// The national model behind the synthetic measurements. The numbers are deliberately round and
/// plausible rather than official: what matters for the benchmark is the shape (a few heavy
/// provinces, a long tail of small ones, skewed rates, evening load) and that rankings differ.
/// bench/netq/README.md explains each choice.
/// </summary>
internal static class Model
{
    /// <summary>Province: GB/T 2260 code, development tier (1 = coastal/metropolitan, 3 = western/remote),
    /// 2020 census population in millions, and a quality factor on rates (infrastructure maturity).</summary>
    internal sealed record Province(string Code, int Tier, double PopulationM, double Quality);

    internal static readonly Province[] Provinces =
    [
        new("110000", 1, 21.9, 1.12), new("120000", 1, 13.9, 1.04), new("130000", 2, 74.6, 0.97),
        new("140000", 2, 34.9, 0.93), new("150000", 3, 24.0, 0.90), new("210000", 2, 42.6, 0.95),
        new("220000", 2, 24.1, 0.92), new("230000", 2, 31.9, 0.90), new("310000", 1, 24.9, 1.15),
        new("320000", 1, 84.7, 1.08), new("330000", 1, 64.6, 1.10), new("340000", 2, 61.0, 1.00),
        new("350000", 1, 41.5, 1.03), new("360000", 2, 45.2, 0.96), new("370000", 2, 101.5, 1.02),
        new("410000", 2, 99.4, 0.98), new("420000", 2, 57.8, 1.01), new("430000", 2, 66.4, 0.99),
        new("440000", 1, 126.0, 1.09), new("450000", 3, 50.1, 0.91), new("460000", 2, 10.1, 0.94),
        new("500000", 2, 32.1, 1.03), new("510000", 2, 83.7, 1.00), new("520000", 3, 38.6, 0.95),
        new("530000", 3, 47.2, 0.88), new("540000", 3, 3.6, 0.72), new("610000", 2, 39.5, 0.97),
        new("620000", 3, 25.0, 0.84), new("630000", 3, 5.9, 0.80), new("640000", 3, 7.2, 0.86),
        new("650000", 3, 25.9, 0.82),
    ];

    /// <summary>Heavier use per head in richer provinces (more devices, more fixed lines).</summary>
    internal static double UsagePerHead(int tier) => tier switch { 1 => 1.3, 2 => 1.0, _ => 0.8 };

    /// <summary>Main prefecture-level cities per province (GB/T 2260) with population in millions;
    /// municipalities use their district code (…0100). The first city is the capital, which gets
    /// slightly better rates.</summary>
    internal static readonly (string Province, string City, double PopulationM)[] Cities =
    [
        ("110000", "110100", 21.9),
        ("120000", "120100", 13.9),
        ("130000", "130100", 11.2), ("130000", "130200", 7.7), ("130000", "130600", 11.5), ("130000", "130400", 9.4),
        ("130000", "131000", 5.5), ("130000", "130900", 7.3), ("130000", "130500", 7.1),
        ("140000", "140100", 5.3), ("140000", "140200", 3.1), ("140000", "140800", 4.8), ("140000", "140700", 3.4), ("140000", "141000", 4.0),
        ("150000", "150100", 3.4), ("150000", "150200", 2.7), ("150000", "150400", 4.0), ("150000", "150600", 2.2), ("150000", "150500", 2.9),
        ("210000", "210100", 9.1), ("210000", "210200", 7.5), ("210000", "210300", 3.3), ("210000", "210800", 2.3), ("210000", "210600", 2.2),
        ("220000", "220100", 9.1), ("220000", "220200", 3.6), ("220000", "222400", 1.9), ("220000", "220300", 1.8),
        ("230000", "230100", 10.0), ("230000", "230200", 4.1), ("230000", "230600", 2.8), ("230000", "231000", 2.3), ("230000", "230800", 2.2),
        ("310000", "310100", 24.9),
        ("320000", "320100", 9.3), ("320000", "320500", 12.7), ("320000", "320200", 7.5), ("320000", "320400", 5.3),
        ("320000", "320300", 9.1), ("320000", "320600", 7.7), ("320000", "321000", 4.6),
        ("330000", "330100", 12.0), ("330000", "330200", 9.4), ("330000", "330300", 9.6), ("330000", "330700", 7.1),
        ("330000", "330400", 5.4), ("330000", "330600", 5.3), ("330000", "331000", 6.6),
        ("340000", "340100", 9.4), ("340000", "340200", 3.6), ("340000", "341200", 8.2), ("340000", "340300", 3.3), ("340000", "341300", 5.3),
        ("350000", "350100", 8.3), ("350000", "350200", 5.2), ("350000", "350500", 8.8), ("350000", "350600", 5.1), ("350000", "350300", 3.2),
        ("360000", "360100", 6.3), ("360000", "360700", 9.0), ("360000", "360400", 4.6), ("360000", "360800", 4.5), ("360000", "361100", 6.5),
        ("370000", "370100", 9.2), ("370000", "370200", 10.1), ("370000", "370600", 7.1), ("370000", "370700", 9.4),
        ("370000", "371300", 11.0), ("370000", "370800", 8.4), ("370000", "370300", 4.7),
        ("410000", "410100", 12.6), ("410000", "410300", 7.1), ("410000", "411300", 9.7), ("410000", "411600", 9.0),
        ("410000", "410700", 6.3), ("410000", "411700", 7.0), ("410000", "410400", 5.0),
        ("420000", "420100", 12.3), ("420000", "420600", 5.3), ("420000", "420500", 4.0), ("420000", "421000", 5.2), ("420000", "420900", 4.3),
        ("430000", "430100", 10.0), ("430000", "430400", 6.6), ("430000", "430700", 5.3), ("430000", "430600", 5.1),
        ("430000", "430200", 3.9), ("430000", "430500", 6.6),
        ("440000", "440100", 18.7), ("440000", "440300", 17.6), ("440000", "441900", 10.5), ("440000", "440600", 9.5),
        ("440000", "441300", 6.0), ("440000", "440400", 2.4), ("440000", "440500", 5.5), ("440000", "442000", 4.4),
        ("440000", "440700", 4.8), ("440000", "440800", 7.0),
        ("450000", "450100", 8.7), ("450000", "450200", 4.2), ("450000", "450300", 4.9), ("450000", "450800", 4.3), ("450000", "450900", 5.8),
        ("460000", "460100", 2.9), ("460000", "460200", 1.0), ("460000", "460400", 1.0),
        ("500000", "500100", 25.0), ("500000", "500200", 7.1),
        ("510000", "510100", 20.9), ("510000", "510700", 4.9), ("510000", "511300", 5.6), ("510000", "510600", 3.5),
        ("510000", "511100", 3.2), ("510000", "510500", 4.3), ("510000", "511500", 4.6),
        ("520000", "520100", 6.0), ("520000", "520300", 6.6), ("520000", "522700", 3.5), ("520000", "520500", 6.9), ("520000", "520200", 3.0),
        ("530000", "530100", 8.5), ("530000", "530300", 5.8), ("530000", "532500", 4.5), ("530000", "530400", 2.3), ("530000", "532900", 3.3),
        ("540000", "540100", 0.87), ("540000", "540200", 0.80), ("540000", "540300", 0.76), ("540000", "540500", 0.35), ("540000", "540400", 0.24),
        ("610000", "610100", 13.0), ("610000", "610400", 4.2), ("610000", "610300", 3.3), ("610000", "610800", 3.6),
        ("610000", "610500", 4.7), ("610000", "610600", 2.3),
        ("620000", "620100", 4.4), ("620000", "620500", 3.0), ("620000", "621100", 2.5), ("620000", "620800", 1.8), ("620000", "620600", 1.5),
        ("630000", "630100", 2.5), ("630000", "630200", 1.4), ("630000", "632800", 0.5),
        ("640000", "640100", 2.9), ("640000", "640200", 0.75), ("640000", "640300", 1.4), ("640000", "640400", 1.1),
        ("650000", "650100", 4.1), ("650000", "652900", 2.7), ("650000", "653100", 4.5), ("650000", "650200", 0.5),
        ("650000", "654000", 4.6), ("650000", "652300", 1.6),
    ];

    /// <summary>Technology: access kind, download median (Mbps) in an unloaded hour in an average
    /// province, log-sigma below and above the median (the low tail is heavier: cell edge, indoor,
    /// old Wi-Fi), uplink/downlink ratio, latency median (ms, end to end) and a physical cap.</summary>
    internal sealed record Technology(string Name, string Access, double DlMedian, double SigmaLow, double SigmaHigh,
        double UlRatio, double LatencyMedian, double CapMbps);

    internal static readonly Technology[] Technologies =
    [
        new("5g-sa", "mobile", 320, 0.80, 0.40, 0.16, 18, 2000),
        new("5g-nsa", "mobile", 220, 0.85, 0.45, 0.13, 28, 1600),
        new("4g", "mobile", 40, 0.90, 0.50, 0.30, 42, 300),
        new("ftth-gpon", "fixed", 380, 0.55, 0.25, 0.22, 10, 1000),
        new("10g-pon", "fixed", 850, 0.45, 0.15, 0.35, 6, 2000),
        new("wifi", "fixed", 180, 0.90, 0.45, 0.40, 15, 1200),
    ];

    /// <summary>Technology mix by tier and access kind (weights within a tier and kind).</summary>
    internal static readonly (int Tier, string Technology, double Weight)[] TechnologyMix =
    [
        (1, "5g-sa", 50), (1, "5g-nsa", 20), (1, "4g", 30), (1, "ftth-gpon", 50), (1, "10g-pon", 25), (1, "wifi", 25),
        (2, "5g-sa", 40), (2, "5g-nsa", 22), (2, "4g", 38), (2, "ftth-gpon", 60), (2, "10g-pon", 12), (2, "wifi", 28),
        (3, "5g-sa", 28), (3, "5g-nsa", 22), (3, "4g", 50), (3, "ftth-gpon", 62), (3, "10g-pon", 5), (3, "wifi", 33),
    ];

    /// <summary>Operator shares (mobile subscribers; fixed broadband lines) and a rate factor per kind:
    /// ct and cu share one 5G radio network with more spectrum per user; cbn's 700 MHz and cable
    /// plant give lower rates; ct's fixed network is the oldest fibre.</summary>
    internal static readonly (string Access, string Operator, double Share, double Quality)[] Operators =
    [
        ("mobile", "cm", 0.55, 1.00), ("mobile", "ct", 0.25, 1.06), ("mobile", "cu", 0.18, 1.03), ("mobile", "cbn", 0.02, 0.82),
        ("fixed", "cm", 0.45, 0.93), ("fixed", "ct", 0.32, 1.07), ("fixed", "cu", 0.19, 1.01), ("fixed", "cbn", 0.04, 0.80),
    ];

    /// <summary>Tests per local hour (relative): mobile peaks at lunch and 20–22h, fixed in the evening.</summary>
    internal static readonly double[] MobileHourWeight =
        [2.0, 1.2, 0.8, 0.6, 0.5, 0.6, 1.2, 2.5, 3.8, 4.2, 4.3, 4.5, 5.2, 4.8, 4.4, 4.3, 4.5, 4.9, 5.4, 6.0, 6.6, 6.8, 6.0, 3.8];

    internal static readonly double[] FixedHourWeight =
        [2.2, 1.2, 0.7, 0.5, 0.4, 0.4, 0.7, 1.5, 2.4, 3.0, 3.2, 3.4, 3.8, 3.5, 3.3, 3.4, 3.7, 4.3, 5.2, 6.6, 7.6, 8.0, 7.0, 4.4];

    /// <summary>A VALUES list for SQL, with invariant number formatting.</summary>
    internal static string Values<T>(IEnumerable<T> rows, Func<T, object[]> columns)
    {
        var sb = new StringBuilder();
        foreach (var row in rows)
        {
            sb.Append(sb.Length == 0 ? "(" : ", (");
            var first = true;
            foreach (var value in columns(row))
            {
                if (!first)
                {
                    sb.Append(", ");
                }

                first = false;
                sb.Append(value switch
                {
                    string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
                    double d => d.ToString("R", CultureInfo.InvariantCulture),
                    int i => i.ToString(CultureInfo.InvariantCulture),
                    _ => throw new ArgumentException($"unsupported value {value}", nameof(columns)),
                });
            }

            sb.Append(')');
        }

        return sb.ToString();
    }
}

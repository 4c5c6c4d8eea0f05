using System.Text;

namespace IctGov.Resources.Domain;

/// <summary>
/// Whether two records name the same organisation: equal after Unicode compatibility folding (NFKC, so
/// full-width and half-width letters, digits and brackets agree), case folding, removal of spaces, and
/// removal of one trailing company form (有限公司 / 有限责任公司 / 股份有限公司 / 公司, Co., Ltd., Inc.).
/// Nothing fuzzier: a different word is a different name.
/// </summary>
internal static class NameMatch
{
    // Longest first, so 股份有限公司 is removed whole rather than as 有限公司.
    private static readonly string[] CompanyForms = ["股份有限公司", "有限责任公司", "有限公司", "公司", "co.,ltd.", "co.,ltd", "co.ltd.", "ltd.", "ltd", "inc.", "inc", "limited", "corporation"];

    public static bool Same(string a, string b) => string.Equals(Core(a), Core(b), StringComparison.Ordinal);

    public static string Core(string name)
    {
        var folded = name.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var text = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (!char.IsWhiteSpace(c))
            {
                text.Append(c);
            }
        }
        var s = text.ToString();
        foreach (var form in CompanyForms)
        {
            if (s.Length > form.Length && s.EndsWith(form, StringComparison.Ordinal))
            {
                return s[..^form.Length].TrimEnd(',', '.');
            }
        }
        return s;
    }
}

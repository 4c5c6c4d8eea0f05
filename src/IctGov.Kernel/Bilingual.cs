using System.Globalization;

namespace IctGov.Kernel;

/// <summary>
/// The UI speaks Chinese first and English second. Text is written as a pair at the place it is
/// shown, so a reader of the page source sees both languages side by side; the request culture
/// (set by the language switch) picks one.
/// </summary>
public static class Bilingual
{
    /// <summary>True when the current UI culture is English.</summary>
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>Picks the Chinese or English text for the current UI culture.</summary>
    public static string T(string zh, string en) => IsEnglish ? en : zh;
}

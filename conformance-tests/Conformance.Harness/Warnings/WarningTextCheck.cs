using System.Text;
using System.Text.RegularExpressions;

namespace Conformance.Harness.Warnings;

/// <summary>
/// The check the suite applies to every warning it receives (flash SMS, SMS notice, app push): no URL, no
/// phone number to call back, no request to reply or call. Text is NFKC-normalised first so full-width
/// digits and letters (１３８, ｗｗｗ) are caught too. A negated phrase ("请勿回复", "do not reply") warns
/// the user off and is allowed. The calling number the warning is about may be named when the caller
/// passes it as <c>numbersAboutTheCall</c>.
/// </summary>
public static partial class WarningTextCheck
{
    public static IReadOnlyList<WarningViolation> Check(string text, IEnumerable<string>? numbersAboutTheCall = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalised = text.Normalize(NormalizationForm.FormKC);
        var violations = new List<WarningViolation>();
        foreach (Match url in UrlPattern().Matches(normalised))
        {
            violations.Add(new WarningViolation(WarningViolationKind.Url, url.Value));
        }

        var withoutUrls = UrlPattern().Replace(normalised, " ");
        var allowed = (numbersAboutTheCall ?? []).Select(DigitsOf).Where(d => d.Length > 0).ToHashSet();
        var withoutDates = DateOrTimePattern().Replace(withoutUrls, " ");
        foreach (Match number in PhoneCandidatePattern().Matches(withoutDates))
        {
            var digits = DigitsOf(number.Value);
            if (LooksLikePhoneNumber(digits) && !allowed.Any(a => a.EndsWith(digits, StringComparison.Ordinal) || digits.EndsWith(a, StringComparison.Ordinal)))
            {
                violations.Add(new WarningViolation(WarningViolationKind.PhoneNumber, number.Value.Trim()));
            }
        }

        foreach (Match request in ChineseRequestPattern().Matches(withoutUrls))
        {
            if (!IsNegated(withoutUrls, request.Index, ChineseNegations, 12))
            {
                violations.Add(new WarningViolation(WarningViolationKind.ReplyRequest, request.Value));
            }
        }

        foreach (Match request in EnglishRequestPattern().Matches(withoutUrls))
        {
            if (!IsNegated(withoutUrls, request.Index, EnglishNegations, 28))
            {
                violations.Add(new WarningViolation(WarningViolationKind.ReplyRequest, request.Value));
            }
        }

        return violations;
    }

    public static bool Passes(string text, IEnumerable<string>? numbersAboutTheCall = null) => Check(text, numbersAboutTheCall).Count == 0;

    private static readonly string[] ChineseNegations = ["请勿", "切勿", "不要", "无需", "无须", "不必", "不得", "勿", "别", "莫"];

    private static readonly string[] EnglishNegations = ["do not ", "don't ", "don’t ", "never ", "no need to "];

    /// <summary>Mobile numbers (11 digits from 1), numbers with an area code, and service numbers (95xxx, 96xxx, 400/800, 1xxxx short codes).</summary>
    private static bool LooksLikePhoneNumber(string digits) =>
        digits.Length >= 6 || (digits.Length == 5 && digits[0] is '1' or '9');

    private static string DigitsOf(string value) => new([.. value.Where(char.IsAsciiDigit)]);

    /// <summary>A negation shortly before the phrase and in the same clause ("请勿点击陌生链接", "do not call back or reply").</summary>
    private static bool IsNegated(string text, int index, string[] negations, int reach)
    {
        var clauseStart = text.LastIndexOfAny(ClauseBreaks, Math.Max(0, index - 1)) + 1;
        var window = text[Math.Max(clauseStart, index - reach)..index].ToLowerInvariant();
        return negations.Any(n => window.Contains(n, StringComparison.Ordinal));
    }

    private static readonly char[] ClauseBreaks = ['，', '。', '！', '？', '；', ',', '.', '!', '?', ';', '\n', '、'];

    [GeneratedRegex(@"(?ix) (?:https?|ftp)://\S+ | www\.\S+ | (?<![@a-z0-9.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:cn|com|net|org|top|xyz|cc|vip|info|me|io|co|ly|gl|link|site|online|shop|club)(?![a-z0-9-])(?:/\S*)?")]
    private static partial Regex UrlPattern();

    /// <summary>Dates and times are digits a warning may legitimately carry ("2026-11-28 20:30").</summary>
    [GeneratedRegex(@"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日? | \d{1,2}\s*月\s*\d{1,2}\s*日 | \d{1,2}\s*[:：]\s*\d{2}(?:\s*[:：]\s*\d{2})?", RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex DateOrTimePattern();

    /// <summary>A run of digits that may be broken by the separators people type in numbers: spaces, dashes, brackets, a leading +.</summary>
    [GeneratedRegex(@"\+?\(?\d[\d\s\-()]*\d")]
    private static partial Regex PhoneCandidatePattern();

    [GeneratedRegex(@"回复|回覆|回信|回电|回拨|回撥|致电|拨打|请拨|请致|速拨|来电咨询|咨询电话|联系电话|客服电话|点击|点开|链接|网址|登录|短信发送|发送短信|编辑短信|回[A-Za-z]{1,2}退订|加微信|加QQ|添加微信|扫码|扫描二维码")]
    private static partial Regex ChineseRequestPattern();

    [GeneratedRegex(@"(?i)\b(?:reply|respond|text\s+back|text\s+\w+\s+to|send\s+\w+\s+to|call\s+(?:us|back|now|this|the|our)|ring\s+(?:us|back)|dial|click|tap\s+(?:here|the\s+link|this\s+link)|visit|contact\s+us|log\s*in)\b")]
    private static partial Regex EnglishRequestPattern();
}

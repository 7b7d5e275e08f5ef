using System.Globalization;
using Labelling;
using Screening;

namespace Reference.Warnings;

/// <summary>
/// The words of each warning. They name the facts (the calling number the warning is about, its label, when a call
/// was blocked) and nothing to act on: no URL, no number to call back, no request to reply (WARN-TXT-001).
/// </summary>
public static class WarningTexts
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public static string Flash(string sender, Label label) =>
        string.Create(CultureInfo.InvariantCulture,
            $"【{sender}】来电提示：正在呼入的号码{label.Number}被标记为“{label.Category.ChineseName()}”（{Count(label)}），请谨慎接听，勿透露个人信息。");

    public static string InterceptionNotice(string sender, CallAttempt call) =>
        string.Concat("【", sender, "】拦截提示：", BeijingMinute(call.At), "，来自", call.Caller.National, "的一次来电已被拦截。本短信无需处理。");

    // Every call intercepted within a minute names the same minute: its text is formatted once, not per call.
    private static readonly LastText<long> Minutes = new(minute =>
        new DateTimeOffset(minute * TimeSpan.TicksPerMinute, TimeSpan.Zero).ToOffset(Beijing).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));

    private static string BeijingMinute(DateTimeOffset at) => Minutes.For(at.UtcTicks / TimeSpan.TicksPerMinute);

    private static string Count(Label label) => label.Source switch
    {
        LabelSource.Reports => string.Create(CultureInfo.InvariantCulture, $"{label.Count}位用户标记"),
        LabelSource.CarrierAnalytics => "运营商分析",
        _ => "号码持有单位声明",
    };
}

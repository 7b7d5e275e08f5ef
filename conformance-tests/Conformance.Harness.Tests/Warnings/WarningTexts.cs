using Conformance.Harness.Warnings;

namespace Conformance.Harness.Tests.Warnings;

/// <summary>Warning texts the check must let through, and texts it must stop, each with the kind it must name.</summary>
public static class WarningTexts
{
    public static IEnumerable<TestCaseData> MustPass()
    {
        yield return Pass("【中国移动】来电已被多人标记为骚扰电话,请谨慎接听。");
        yield return Pass("【安全提示】此来电被标记为“诈骗电话”,请注意防范,切勿透露验证码。");
        yield return Pass("【中国电信】已为您拦截1次来自境外的冒用号码来电,时间2026-11-28 20:30。");
        yield return Pass("【中国联通】11月28日 09:15 拦截骚扰来电 3 次,无需回复本短信。");
        yield return Pass("【安全提示】陌生来电请勿回拨,请勿点击陌生链接。");
        yield return Pass("[Safety] This caller is labelled as fraud by 38 users. Do not call back or reply.");
        yield return Pass("[Safety] Incoming call labelled as telemarketing. Be careful.");
        yield return Pass("【骚扰拦截】拦截来电 138 0013 8000 一次。", "+8613800138000");
    }

    public static IEnumerable<TestCaseData> MustFail()
    {
        yield return Fail("【中国移动】详情请访问 https://example.cn/a", WarningViolationKind.Url);
        yield return Fail("【提示】详情见 www.example.com", WarningViolationKind.Url);
        yield return Fail("【提示】详情见 t.cn/A6xYz", WarningViolationKind.Url);
        yield return Fail("【提示】详情访问example.cn查看", WarningViolationKind.Url);
        yield return Fail("【提示】Details: HTTP://EXAMPLE.COM/x", WarningViolationKind.Url);
        yield return Fail("【提示】详情见 ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ", WarningViolationKind.Url);
        yield return Fail("【安全提示】如有疑问请联系 13800138000", WarningViolationKind.PhoneNumber);
        yield return Fail("【安全提示】如有疑问请联系 010-12345678", WarningViolationKind.PhoneNumber);
        yield return Fail("【安全提示】客服 400-800-8888", WarningViolationKind.PhoneNumber);
        yield return Fail("【安全提示】热线 95588", WarningViolationKind.PhoneNumber);
        yield return Fail("【安全提示】热线 １３８００１３８０００", WarningViolationKind.PhoneNumber);
        yield return Fail("【安全提示】如非本人操作请回复1", WarningViolationKind.ReplyRequest);
        yield return Fail("【安全提示】确认请回拨本号", WarningViolationKind.ReplyRequest);
        yield return Fail("【安全提示】点击链接查看详情", WarningViolationKind.ReplyRequest);
        yield return Fail("【提示】拦截记录已生成,回T退订", WarningViolationKind.ReplyRequest);
        yield return Fail("【提示】加微信了解详情", WarningViolationKind.ReplyRequest);
        yield return Fail("[Safety] Reply STOP to opt out.", WarningViolationKind.ReplyRequest);
        yield return Fail("[Safety] Please call back to confirm.", WarningViolationKind.ReplyRequest);
        yield return Fail("[Safety] Click here to see the blocked call.", WarningViolationKind.ReplyRequest);
        yield return Fail("[Safety] Text YES to 10086.", WarningViolationKind.ReplyRequest, WarningViolationKind.PhoneNumber);
        yield return Fail("【骚扰拦截】拦截来电 13800138000,如需恢复请拨打 10086", WarningViolationKind.PhoneNumber, WarningViolationKind.ReplyRequest);
    }

    private static TestCaseData Pass(string text, params string[] numbersAboutTheCall) =>
        new TestCaseData(text, numbersAboutTheCall).SetArgDisplayNames(text);

    private static TestCaseData Fail(string text, params WarningViolationKind[] kinds) =>
        new TestCaseData(text, kinds).SetArgDisplayNames(text);
}

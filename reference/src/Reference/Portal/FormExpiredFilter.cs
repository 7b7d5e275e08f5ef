using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;
using Microsoft.Extensions.Localization;
using Reference.Portal.Resources;

namespace Reference.Portal;

/// <summary>
/// A form posted without its antiforgery token (or with another site's) is refused 400, as the framework does, but
/// with a page that says why and leads back, instead of an empty answer.
/// </summary>
public sealed class FormExpiredFilter : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is not IAntiforgeryValidationFailedResult)
        {
            return;
        }

        var text = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<PortalText>>();
        var encode = HtmlEncoder.Create(UnicodeRanges.All);
        var lang = CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal) ? "zh-CN" : "en";
        context.Result = new ContentResult
        {
            StatusCode = StatusCodes.Status400BadRequest,
            ContentType = "text/html; charset=utf-8",
            Content = $"""
                <!DOCTYPE html>
                <html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>{encode.Encode(text["Refused.Title"])}</title><link rel="stylesheet" href="/portal.css"></head>
                <body><main id="main" class="wrap"><h1>{encode.Encode(text["Refused.Title"])}</h1><p>{encode.Encode(text["Refused.Body"])}</p>
                <p><a href="/">{encode.Encode(text["Refused.Back"])}</a></p></main></body></html>
                """,
        };
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}

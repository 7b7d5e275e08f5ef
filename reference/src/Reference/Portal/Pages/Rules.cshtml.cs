using Labelling;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Screening;

namespace Reference.Portal.Pages;

/// <summary>The calling-hours, consent and labelling rules in plain words, with the figures this node is set to.</summary>
public sealed class RulesModel(ScreeningPipeline pipeline, LabelBook book) : PageModel
{
    public ScreeningParameters Parameters => pipeline.Parameters;

    public int Reporters => book.Parameters.Reporters;

    public int WindowDays => (int)book.Parameters.Window.TotalDays;

    public int AppealDays => (int)Math.Ceiling(book.Parameters.AppealDeadline.TotalDays);

    public static string Clock(TimeSpan time) => $"{(int)time.TotalHours:00}:{time.Minutes:00}";

    public void OnGet()
    {
    }
}

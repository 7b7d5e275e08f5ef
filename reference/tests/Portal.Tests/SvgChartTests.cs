using System.Xml.Linq;
using Reference.Portal;

namespace Portal.Tests;

/// <summary>The server-drawn charts: well-formed SVG, named for screen readers, every label text and never markup.</summary>
public sealed class SvgChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Test]
    public void Bars_are_one_rect_per_row_scaled_to_the_largest_with_labels_escaped()
    {
        var svg = Parse(SvgChart.Bars("c1", "Labels <now>", "desc & more", [("骚扰<script>", 4), ("fraud", 2), ("none", 0)]));
        Assert.That(svg.Attribute("role")!.Value, Is.EqualTo("img"));
        Assert.That(svg.Element(Svg + "title")!.Value, Is.EqualTo("Labels <now>"));
        var rects = svg.Elements(Svg + "rect").ToList();
        Assert.That(rects, Has.Count.EqualTo(3));
        Assert.That(Width(rects[0]), Is.EqualTo(2 * Width(rects[1])).Within(1), "4 is twice 2");
        Assert.That(svg.Elements(Svg + "text").Select(t => t.Value), Does.Contain("骚扰<script>").And.Contain("4"));
        Assert.That(svg.Descendants().Any(e => e.Name.LocalName == "script"), Is.False);
    }

    [Test]
    public void Stacked_columns_put_each_series_of_a_slot_on_top_of_the_last()
    {
        long[,] values = { { 1, 2 }, { 0, 3 } };
        var svg = Parse(SvgChart.StackedColumns("c2", "t", "d", ["08", "09"], ["bombing", "one-ring"], (s, r) => values[s, r]));
        var bars = svg.Elements(Svg + "rect").Where(r => r.Attribute("height") is not null && r.Attribute("width")!.Value != "12").ToList();
        Assert.That(bars, Has.Count.EqualTo(3), "a zero is not drawn");
        Assert.That(svg.Elements(Svg + "text").Select(t => t.Value), Does.Contain("bombing").And.Contain("one-ring").And.Contain("3"));
    }

    private static XElement Parse(Microsoft.AspNetCore.Html.IHtmlContent content)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return XElement.Parse(writer.ToString());
    }

    private static double Width(XElement rect) => double.Parse(rect.Attribute("width")!.Value, System.Globalization.CultureInfo.InvariantCulture);
}

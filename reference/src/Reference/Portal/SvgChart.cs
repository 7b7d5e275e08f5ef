using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Html;

namespace Reference.Portal;

/// <summary>
/// Charts drawn on the server as inline SVG: no script and no library in the browser. Every chart has a title and a
/// description for screen readers (role="img"); the pages show the same figures in a table beside it. Every text
/// that reaches the markup is HTML-encoded.
/// </summary>
public static class SvgChart
{
    /// <summary>Colours told apart in the usual forms of colour blindness (Okabe–Ito), darkened enough for text contrast.</summary>
    public static readonly string[] Palette = ["#0b5fa5", "#b35900", "#007a5e", "#a8326e", "#5a4fcf", "#6b6b00", "#0a7d93", "#8a3b12"];

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>One horizontal bar per row, its value written at its end.</summary>
    public static IHtmlContent Bars(string id, string title, string description, IReadOnlyList<(string Label, long Value)> rows)
    {
        const int width = 640, labelWidth = 150, rowHeight = 28, top = 8;
        var height = top + (Math.Max(rows.Count, 1) * rowHeight) + 8;
        var max = Math.Max(1, rows.Count == 0 ? 1 : rows.Max(r => r.Value));
        var svg = Open(id, title, description, width, height);
        for (var i = 0; i < rows.Count; i++)
        {
            var (label, value) = rows[i];
            var y = top + (i * rowHeight);
            var length = (int)Math.Round((width - labelWidth - 60) * (double)value / max);
            svg.Append(Invariant($"<text x=\"{labelWidth - 8}\" y=\"{y + 18}\" text-anchor=\"end\" class=\"chart-label\">")).Append(Encoder.Encode(label)).Append("</text>");
            svg.Append(Invariant($"<rect x=\"{labelWidth}\" y=\"{y + 4}\" width=\"{Math.Max(length, 1)}\" height=\"{rowHeight - 10}\" fill=\"{Palette[i % Palette.Length]}\"></rect>"));
            svg.Append(Invariant($"<text x=\"{labelWidth + length + 6}\" y=\"{y + 18}\" class=\"chart-value\">{value}</text>"));
        }

        return Close(svg);
    }

    /// <summary>Stacked columns: one per slot (an hour), each split by series (a rule), with a legend under the axis.</summary>
    /// <param name="colours">One per series when their colours mean something (late in red); the palette otherwise.</param>
    public static IHtmlContent StackedColumns(string id, string title, string description, IReadOnlyList<string> slots, IReadOnlyList<string> series, Func<int, int, long> value, IReadOnlyList<string>? colours = null)
    {
        string Colour(int r) => colours is { Count: > 0 } ? colours[r % colours.Count] : Palette[r % Palette.Length];
        const int width = 720, left = 40, top = 10, plotHeight = 200, legendRow = 20;
        var height = top + plotHeight + 30 + (((series.Count + 3) / 4) * legendRow) + 10;
        var totals = Enumerable.Range(0, slots.Count).Select(s => Enumerable.Range(0, series.Count).Sum(r => value(s, r))).ToList();
        var max = Math.Max(1, totals.Count == 0 ? 1 : totals.Max());
        var column = (width - left - 10) / (double)Math.Max(slots.Count, 1);
        var svg = Open(id, title, description, width, height);
        svg.Append(Invariant($"<line x1=\"{left}\" y1=\"{top + plotHeight}\" x2=\"{width - 10}\" y2=\"{top + plotHeight}\" class=\"chart-axis\"></line>"));
        svg.Append(Invariant($"<text x=\"{left - 6}\" y=\"{top + 10}\" text-anchor=\"end\" class=\"chart-value\">{max}</text>"));
        svg.Append(Invariant($"<text x=\"{left - 6}\" y=\"{top + plotHeight}\" text-anchor=\"end\" class=\"chart-value\">0</text>"));
        for (var s = 0; s < slots.Count; s++)
        {
            var x = left + (s * column) + 1;
            var y = (double)(top + plotHeight);
            for (var r = 0; r < series.Count; r++)
            {
                var v = value(s, r);
                if (v <= 0)
                {
                    continue;
                }

                var h = plotHeight * (double)v / max;
                y -= h;
                svg.Append(Invariant($"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{Math.Max(column - 2, 1):0.#}\" height=\"{h:0.#}\" fill=\"{Colour(r)}\"></rect>"));
            }

            if (slots.Count <= 12 || s % 3 == 0)
            {
                svg.Append(Invariant($"<text x=\"{x + (column / 2):0.#}\" y=\"{top + plotHeight + 16}\" text-anchor=\"middle\" class=\"chart-tick\">")).Append(Encoder.Encode(slots[s])).Append("</text>");
            }
        }

        for (var r = 0; r < series.Count; r++)
        {
            var lx = left + ((r % 4) * 170);
            var ly = top + plotHeight + 30 + ((r / 4) * legendRow);
            svg.Append(Invariant($"<rect x=\"{lx}\" y=\"{ly}\" width=\"12\" height=\"12\" fill=\"{Colour(r)}\"></rect>"));
            svg.Append(Invariant($"<text x=\"{lx + 18}\" y=\"{ly + 11}\" class=\"chart-label\">")).Append(Encoder.Encode(series[r])).Append("</text>");
        }

        return Close(svg);
    }

    private static StringBuilder Open(string id, string title, string description, int width, int height)
    {
        var svg = new StringBuilder();
        var safeId = Encoder.Encode(id);
        svg.Append(Invariant($"<svg class=\"chart\" viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" aria-labelledby=\"{safeId}-title {safeId}-desc\" xmlns=\"http://www.w3.org/2000/svg\">"));
        svg.Append("<title id=\"").Append(safeId).Append("-title\">").Append(Encoder.Encode(title)).Append("</title>");
        svg.Append("<desc id=\"").Append(safeId).Append("-desc\">").Append(Encoder.Encode(description)).Append("</desc>");
        return svg;
    }

    private static HtmlString Close(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

namespace Conformance.Reporting.Site;

/// <summary>The site's stylesheet and its one script; the pages read fine without the script, which only filters the matrix.</summary>
public static class SiteAssets
{
    public const string Css = """
        body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1b1b1b; }
        table { border-collapse: collapse; margin: 1rem 0; }
        th, td { border: 1px solid #ccc; padding: .25rem .5rem; text-align: left; vertical-align: top; }
        th { background: #f2f2f2; }
        .v-passed { background: #dff5e1; } .v-failed { background: #fbd9d9; } .v-warning { background: #fff1c2; }
        .v-inconclusive { background: #f0dcf7; } .v-not-applicable, .v-skipped { background: #eee; color: #555; }
        .deviation { font-weight: bold; color: #8a4b00; }
        form.filters label { margin-right: 1rem; }
        .meta td:first-child { font-weight: bold; }
        """;

    public const string Script = """
        (function () {
          var form = document.getElementById('filters');
          if (!form) { return; }
          function apply() {
            var profile = form.profile.value, level = form.level.value, verdict = form.verdict.value, shown = 0;
            document.querySelectorAll('#matrix tbody tr').forEach(function (row) {
              var ok = (profile === '' || row.dataset.profile === profile)
                && (level === '' || row.dataset.level === level)
                && (verdict === '' || row.dataset.verdicts.split(' ').indexOf(verdict) >= 0);
              row.hidden = !ok;
              if (ok) { shown++; }
            });
            document.getElementById('shown').textContent = String(shown);
          }
          form.addEventListener('change', apply);
          form.hidden = false;
          apply();
        })();
        """;
}

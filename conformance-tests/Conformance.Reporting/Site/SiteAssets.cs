namespace Conformance.Reporting.Site;

/// <summary>The site's stylesheet and its one script; the pages read fine without the script, which only filters the matrix.</summary>
public static class SiteAssets
{
    /// <summary>
    /// A CJK font stack after the Latin one, so Chinese titles and names render (Noto Sans CJK on Debian, PingFang or
    /// Microsoft YaHei elsewhere); headers stick while the matrix scrolls in its own box, which also keeps a phone-width
    /// page from scrolling sideways; the requirement column sticks on the left.
    /// </summary>
    public const string Css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", sans-serif;
               margin: 1.5rem; color: #1b1b1b; line-height: 1.35; }
        h1 .id { font-family: ui-monospace, monospace; }
        table { border-collapse: separate; border-spacing: 0; margin: 1rem 0; }
        th, td { border: 1px solid #ccc; padding: .25rem .5rem; text-align: left; vertical-align: top; background: #fff; }
        thead th { background: #f2f2f2; position: sticky; top: 0; z-index: 2; }
        .scroll { overflow: auto; max-height: 80vh; max-width: 100%; border: 1px solid #ddd; }
        .scroll table { margin: 0; }
        th.requirement { position: sticky; left: 0; z-index: 1; min-width: 12rem; max-width: 22rem; background: #fafafa; }
        thead th.requirement { z-index: 3; background: #f2f2f2; }
        th.requirement small { display: block; font-weight: normal; color: #444; }
        th.system { min-width: 13rem; font-weight: normal; }
        th.system .name { font-weight: bold; }
        th.system dl { margin: .25rem 0 0; display: grid; grid-template-columns: auto 1fr; gap: 0 .4rem; font-size: .8rem; }
        th.system dt { color: #555; } th.system dd { margin: 0; }
        .history { font-size: .8rem; margin-top: .25rem; }
        .v-passed { background: #dff5e1; } .v-failed { background: #fbd9d9; } .v-warning { background: #fff1c2; }
        .v-inconclusive { background: #f0dcf7; } .v-not-applicable, .v-skipped { background: #eee; color: #555; }
        .deviation { font-weight: bold; color: #8a4b00; }
        #refused { border: 2px solid #b00020; padding: .5rem 1rem; margin: 1rem 0; }
        #refused h2 { color: #b00020; margin-top: 0; }
        #refused td, .meta td { overflow-wrap: anywhere; }
        form.filters label { margin-right: 1rem; }
        .meta td:first-child { font-weight: bold; }
        @media (max-width: 640px) {
          body { margin: .5rem; font-size: 15px; }
          form.filters label { display: block; margin: .25rem 0; }
          th.requirement { min-width: 8rem; max-width: 10rem; }
          th.system { min-width: 10rem; }
          .meta td { word-break: break-all; }
          .scroll { max-height: 75vh; }
        }
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

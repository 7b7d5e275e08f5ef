using System.Globalization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.WebEncoders;
using Reference.Access;
using Reference.Storage;

namespace Reference.Portal;

/// <summary>
/// Wires the portal into the node: server-rendered pages for the public (report, follow, look up, appeal, rules) and
/// for staff signed in with a management API key (appeal desk, regulator and carrier console). The pages carry
/// <see cref="EndpointRoles"/> Anonymous, so the API's bearer check lets them through; their own guard is the staff
/// cookie and the policies of <see cref="StaffPolicies"/>. Culture (zh-CN by default, English on request) is set
/// for the pages only: the API's answers never depend on a visitor's language.
/// </summary>
public static class PortalRegistration
{
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    public static void AddPortal(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddLocalization();
        // Razor encodes what it writes for HTML; allowing every script keeps Chinese readable (and the pages small)
        // instead of one &#x…; per character, while < > & " ' are still encoded.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Portal/Pages";
            options.Conventions.AuthorizeFolder("/Desk", StaffPolicies.AppealDesk);
            options.Conventions.AuthorizeFolder("/Console", StaffPolicies.Console);
            options.Conventions.ConfigureFilter(new FormExpiredFilter());
        })
            // The pages are compiled into this assembly, which is not the entry assembly when a test or a host embeds the node.
            .AddApplicationPart(typeof(PortalRegistration).Assembly);
        services.AddAuthentication(StaffCookie.Scheme).AddCookie(StaffCookie.Scheme, StaffCookie.Configure);
        services.AddAuthorization(StaffPolicies.Configure);
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "portal-antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.FormFieldName = "__portal_token";
        });
        // One application name whatever the node's directory, so that every node of a cluster reads one another's cookies.
        services.AddDataProtection().SetApplicationName("reference-portal");
        var storage = builder.Configuration.GetSection("Storage");
        if (PortalRecords.IsDurable(storage))
        {
            services.AddSingleton(_ => new PortalKeyRing(DirectoryStores.Open(storage)));
            services.AddOptions<KeyManagementOptions>().Configure<PortalKeyRing>((options, ring) => options.XmlRepository = ring);
        }

        services.AddSingleton(PortalOptions.From(builder.Configuration.GetSection("Portal")));
        services.AddSingleton<FormRateLimiter>();
        services.AddSingleton<PortalRecords>();
        services.AddSingleton<LabelCensus>();
    }

    public static WebApplication UsePortal(this WebApplication app)
    {
        var localization = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Cultures[0]),
            SupportedCultures = Cultures,
            SupportedUICultures = Cultures,
            RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider { QueryStringKey = PortalLanguage.Query, UIQueryStringKey = PortalLanguage.Query },
                new CookieRequestCultureProvider { CookieName = PortalLanguage.Cookie },
            ],
        };
        app.UseWhen(IsPortal, portal => portal.UseRequestLocalization(localization));
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(async (context, next) =>
        {
            if (IsPortal(context))
            {
                PortalLanguage.Remember(context);
                // The pages load nothing from elsewhere and run no script: a browser that is told so refuses any that got in.
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
            }

            await next(context);
        });
        return app;
    }

    public static void MapPortal(this WebApplication app)
    {
        app.MapRazorPages().Anonymous().WithMetadata(PortalEndpoint.Instance);
        app.MapGet("/portal.css", PortalStylesheet.Serve).Anonymous().WithMetadata(PortalEndpoint.Instance);
        app.MapGet("/language", PortalLanguage.Switch).Anonymous().WithMetadata(PortalEndpoint.Instance);
    }

    private static bool IsPortal(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<PortalEndpoint>() is not null;
}

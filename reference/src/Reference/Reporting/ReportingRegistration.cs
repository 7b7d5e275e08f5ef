using Reference.Storage;

namespace Reference.Reporting;

/// <summary>
/// Wires the reporting profile into the node: tickets, the holiday calendar and the routing table in the node's
/// store (SQLite or PostgreSQL, migration 7), and their APIs. Every part reads Reporting; a bad data file stops the
/// node at start, naming it.
/// </summary>
public static class ReportingRegistration
{
    public static void AddReporting(this WebApplicationBuilder builder, IDirectoryStore store)
    {
        var options = ReportingOptions.From(builder.Configuration.GetSection("Reporting"));
        var database = store is SqlDirectoryStore sql ? sql.Database : DirectoryStores.Open(builder.Configuration.GetSection("Storage"));
        var routes = DepartmentRoutes.Read(options.RoutesFile);
        var calendars = new HolidayCalendars(database, options);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(routes);
        builder.Services.AddSingleton(calendars);
        builder.Services.AddSingleton(new SqlTicketStore(database));
        builder.Services.AddSingleton<TicketDesk>();
        builder.Services.AddSingleton<IdempotencyKeys>();
    }

    public static IEndpointRouteBuilder MapReportingApis(this IEndpointRouteBuilder routes) =>
        routes.MapReportIntakeApi().MapTicketsApi().MapCalendarsApi();
}

using Labelling;

namespace Reference.Reporting;

/// <summary>A ticket as the API answers it (spec/api/openapi.yaml, Ticket); the reporter is named only to the carrier's operator.</summary>
public static class TicketJson
{
    public static object Of(Ticket t, DepartmentRoutes routes, DateTimeOffset now, bool showReporter) => new
    {
        id = t.Id,
        number = t.Number,
        category = t.Category.Code(),
        channel = t.Channel,
        text = t.Text,
        reporter = showReporter ? t.Reporter : null,
        department = t.Department,
        departmentName = routes.Departments.TryGetValue(t.Department, out var name) ? name : t.Department,
        state = t.State.Code(),
        receivedAt = t.ReceivedAt,
        forwardBy = t.ForwardBy,
        forwardedAt = t.ForwardedAt,
        answerBy = t.AnswerBy,
        answeredAt = t.AnsweredAt,
        answer = t.Answer,
        notifyBy = t.NotifyBy,
        notifiedAt = t.NotifiedAt,
        stage = t.Stage,
        due = t.Due,
        overdue = t.Due is { } due && due <= now,
    };
}

using System.Text.Json;
using Reference.Provisioning;

namespace Reference.Apis;

/// <summary>
/// A request the framework cannot bind (not JSON, a field of the wrong type, a body over the size limit, a wrong
/// content type) is answered problem+json naming the field, as the handlers' own refusals are; the framework's own
/// answer is an empty body. Bodies declared longer than the limit are refused before a byte of them is read.
/// </summary>
public static class RequestProblems
{
    public static IApplicationBuilder UseRequestProblems(this IApplicationBuilder app, long maxBodyBytes) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > maxBodyBytes)
            {
                await TooLarge(context.Request.ContentLength.Value, maxBodyBytes).ExecuteAsync(context);
                return;
            }

            try
            {
                await next(context);
            }
            catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
            {
                context.Response.Clear();
                var answer = ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? TooLarge(null, maxBodyBytes)
                    : FieldErrors.Single(Field(ex), Problem(ex), ex.StatusCode);
                await answer.ExecuteAsync(context);
                return;
            }

            // The framework answers a wrong content type, and a body cut off at the limit, with a bare status and no body.
            if (!context.Response.HasStarted && context.Response.ContentType is null && Bare(context.Response.StatusCode, maxBodyBytes) is { } bare)
            {
                await bare.ExecuteAsync(context);
            }
        });

    private static IResult? Bare(int status, long maxBodyBytes) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => TooLarge(null, maxBodyBytes),
        StatusCodes.Status415UnsupportedMediaType => FieldErrors.Single("body", "must be sent as Content-Type: application/json", status),
        StatusCodes.Status400BadRequest => FieldErrors.Single("body", "could not be read as the JSON object this operation takes (spec/api/openapi.yaml)", status),
        _ => null,
    };

    private static IResult TooLarge(long? declared, long maxBodyBytes) =>
        FieldErrors.Single("body", declared is { } length
            ? $"is {length} bytes long; at most {maxBodyBytes} are accepted (setting Http:MaxRequestBodyBytes)"
            : $"is longer than the {maxBodyBytes} bytes accepted (setting Http:MaxRequestBodyBytes)", StatusCodes.Status413PayloadTooLarge);

    /// <summary>"$.ranges[0].first" as the API names fields ("ranges[0].first"); the body itself when no field is to blame.</summary>
    private static string Field(BadHttpRequestException ex) =>
        ex.InnerException is JsonException { Path: { Length: > 2 } path } && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..]
        : ex.InnerException is JsonException { Path: { Length: > 1 } indexed } && indexed.StartsWith("$[", StringComparison.Ordinal) ? "body" + indexed[1..]
        : "body";

    private static string Problem(BadHttpRequestException ex) => ex.InnerException switch
    {
        JsonException { Path: { Length: > 2 } } => $"has the wrong type or is not valid JSON ({FirstSentence(ex.InnerException.Message)}); spec/api/openapi.yaml gives its type",
        JsonException => $"is not a JSON object ({FirstSentence(ex.InnerException.Message)})",
        _ when ex.StatusCode == StatusCodes.Status415UnsupportedMediaType => "must be sent as Content-Type: application/json",
        _ => FirstSentence(ex.Message),
    };

    // The serializer's message ends with a .NET type and path that say nothing to a client; its first sentence is enough.
    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }
}

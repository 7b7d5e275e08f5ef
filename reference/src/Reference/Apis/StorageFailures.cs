using Reference.Storage;

namespace Reference.Apis;

/// <summary>
/// A provisioning request the durable store could not write was rolled back everywhere; the caller gets a
/// problem+json 503 saying so, and may retry the whole request.
/// </summary>
public static class StorageFailures
{
    public static IApplicationBuilder UseStorageFailureProblems(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (StorageException ex) when (!context.Response.HasStarted)
            {
                context.Response.Clear();
                await Results.Problem(
                    title: "The request was refused; nothing was written.",
                    detail: ex.Message + " Retry the whole request once the store is available.",
                    statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
            }
        });
}

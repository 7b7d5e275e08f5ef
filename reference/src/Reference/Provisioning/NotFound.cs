namespace Reference.Provisioning;

/// <summary>A lookup of something the node does not hold: 404 problem+json saying what was looked for.</summary>
public static class NotFound
{
    public static IResult Problem(string what, string id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No such {what}", detail: $"There is no {what} {id}.");
}

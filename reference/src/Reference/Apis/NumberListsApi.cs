using Reference.Access;
using Reference.Provisioning;
using Reference.Storage;
using Screening.Numbering;
using static Reference.Provisioning.Requests;

namespace Reference.Apis;

/// <summary>The roaming list (domestic mobiles abroad, the exception to the "+86" rule) and the do-not-originate list.</summary>
public static class NumberListsApi
{
    public static IEndpointRouteBuilder MapNumberListsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/roaming", async (NumbersRequest? body, InMemoryDirectory directory) =>
        {
            var errors = new FieldErrors();
            var numbers = Numbers(errors, body);
            for (var i = 0; i < numbers.Count; i++)
            {
                if (numbers[i] is { } n && NumberingPlan.Check(n).Kind != NumberKind.Mobile)
                {
                    errors.Add($"numbers[{i}]", $"{n} is not a mobile number; only mobile subscribers roam");
                }
            }

            if (errors.Any)
            {
                return errors.Problem();
            }

            await directory.AddRoamingAsync(numbers.ConvertAll(n => n!));
            return Results.Created("/v1/roaming", new { added = numbers.Count });
        }).RequireRoles(Role.CarrierOperator);

        routes.MapPost("/v1/do-not-originate", async (NumbersRequest? body, InMemoryDirectory directory) =>
        {
            var errors = new FieldErrors();
            var numbers = Numbers(errors, body);
            if (errors.Any)
            {
                return errors.Problem();
            }

            await directory.AddDoNotOriginateAsync(numbers.ConvertAll(n => n!));
            return Results.Created("/v1/do-not-originate", new { added = numbers.Count });
        }).RequireRoles(Role.CarrierOperator);
        return routes;
    }

    private static List<string?> Numbers(FieldErrors errors, NumbersRequest? body)
    {
        if (body?.Numbers is not { Count: > 0 } numbers)
        {
            errors.Add("numbers", "is required: a non-empty array of national numbers");
            return [];
        }

        return numbers.Select((n, i) => errors.DomesticNumber($"numbers[{i}]", n)).ToList();
    }
}

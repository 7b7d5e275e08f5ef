using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Reference.Tests.Reporting;

namespace Reference.Tests.Storage;

/// <summary>Tickets with their steps, the answers kept for idempotency keys and calendar years set through the API are there after a restart.</summary>
public abstract partial class DurableStoreTests
{
    [Test]
    public async Task TicketsIdempotencyKeysAndCalendarsAreThereAfterARestart()
    {
        const string Key = "4f1c2f0e-tickets-after-a-restart";
        string open, stepped;
        string firstAnswer;
        await using (var node = await RunningNode.StartAsync(StorageSetting))
        {
            using (var put = await node.Http.PutAsJsonAsync("/v1/reporting/calendars/2028", TicketDeadlineApiTests.NationalDay2028))
            {
                Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
            }

            using (var first = await TicketsApiTests.Report(node.Http, "13900003001", "fraud", "app", "13700003001", key: Key))
            {
                firstAnswer = await first.Content.ReadAsStringAsync();
                Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created), firstAnswer);
                open = JsonDocument.Parse(firstAnswer).RootElement.GetProperty("ticket").GetString()!;
            }

            using var second = await TicketsApiTests.Report(node.Http, "13900003002", "loans", "web", "13700003001");
            stepped = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticket").GetString()!;
            using var forwarded = await node.Http.PostAsync($"/v1/tickets/{stepped}/forwarded", null);
            Assert.That(forwarded.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        await using var restarted = await RunningNode.StartAsync(StorageSetting);
        using var retry = await TicketsApiTests.Report(restarted.Http, "13900003001", "fraud", "app", "13700003001", key: Key);
        using var repeat = await TicketsApiTests.Report(restarted.Http, "13900003002", "loans", "phone", "13700003001");
        var moved = await restarted.Http.GetFromJsonAsync<JsonElement>($"/v1/tickets/{stepped}");
        var kept = await restarted.Http.GetFromJsonAsync<JsonElement>($"/v1/tickets/{open}");
        var calendar = await restarted.Http.GetFromJsonAsync<JsonElement>("/v1/reporting/calendars/2028");
        Assert.Multiple(async () =>
        {
            Assert.That(kept.GetProperty("state").GetString(), Is.EqualTo("received"));
            Assert.That(kept.GetProperty("department").GetString(), Is.EqualTo("public-security"));
            Assert.That(moved.GetProperty("state").GetString(), Is.EqualTo("forwarded"));
            Assert.That(moved.GetProperty("answerBy").ValueKind, Is.EqualTo(JsonValueKind.String));
            Assert.That(await retry.Content.ReadAsStringAsync(), Is.EqualTo(firstAnswer), "a retry after the restart is answered as the first was");
            Assert.That((await repeat.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticket").GetString(), Is.EqualTo(stepped), "a repeat after the restart meets the open ticket");
            Assert.That(calendar.GetProperty("holidays").GetArrayLength(), Is.EqualTo(5));
        });
    }
}

using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using Reference.Access;
using Reference.Portal;

namespace Portal.Tests;

/// <summary>The data-protection key ring is kept in the node's store: a staff cookie and a form token issued before a restart still work after it.</summary>
public sealed class RestartTests : PortalTest
{
    [Test]
    public async Task A_staff_cookie_and_a_form_token_outlive_a_restart_of_the_node()
    {
        var node = await PortalNode.StartAsync();
        var context = await Portal.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        try
        {
            var secret = node.Key("carrier-restart", Role.CarrierOperator);
            var page = await context.NewPageAsync();
            await page.GotoAsync(node.Url("/staff/sign-in").ToString());
            await page.FillAsync("#key", secret);
            await page.ClickAsync("button[type=submit].button");
            await page.GotoAsync(node.Url("/console/discipline").ToString());
            Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo("/console/discipline"));
            var token = await page.GetAttributeAsync("input[name=__portal_token]", "value");
            Assert.That(node.Get<IOptions<KeyManagementOptions>>().Value.XmlRepository, Is.InstanceOf<PortalKeyRing>());

            node = await node.RestartAsync();
            Assert.That(KeysIn(node.StoreFile), Is.GreaterThanOrEqualTo(1), "the key ring is in the store");

            // Cookies are kept per host, not per port: the browser presents the old node's cookies to the new one.
            var response = await page.GotoAsync(node.Url("/console/discipline").ToString());
            Assert.That((response!.Status, new Uri(page.Url).AbsolutePath), Is.EqualTo((200, "/console/discipline")), "the staff cookie still signs in");
            var enterprise = "重启后列入 " + Guid.NewGuid().ToString("N")[..6];
            var posted = await page.APIRequest.PostAsync(node.Url("/console/discipline").ToString(), new APIRequestContextOptions
            {
                Form = page.APIRequest.CreateFormData().Set("__portal_token", token!).Set("Enterprise", enterprise).Set("Reason", "form token from before the restart"),
                MaxRedirects = 0,
            });
            Assert.That(posted.Status, Is.EqualTo(302), "the form token issued before the restart is still valid");
            Assert.That(node.Get<Reference.Resources.ResourceLedger>().Listings(enterprise, new ApiCaller("t", [Role.Regulator], "t")), Has.Count.EqualTo(1));
        }
        finally
        {
            await context.CloseAsync();
            await node.DisposeAsync();
        }
    }

    private static long KeysIn(string file)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM portal_keys";
        return (long)command.ExecuteScalar()!;
    }
}

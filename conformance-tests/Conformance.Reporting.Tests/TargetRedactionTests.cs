using Conformance.Reporting.Bundle;

namespace Conformance.Reporting.Tests;

public sealed class TargetRedactionTests
{
    [Test]
    public void SecretsAndUrlPasswordsAreRemovedAndVariableNamesKept()
    {
        var redacted = TargetRedaction.Redact("""
            { "description": "d", "api": { "baseUrl": "https://lab:s3cret@sut.example/api", "token": "abc", "passwordEnv": "SUT_PASSWORD",
              "credentials": { "username": "u" } }, "list": [ { "apiKey": "k" } ] }
            """).GetRawText();

        Assert.That(redacted, Does.Not.Contain("s3cret").And.Not.Contain("\"abc\"").And.Not.Contain("\"k\""));
        Assert.That(redacted, Does.Contain("SUT_PASSWORD").And.Contain("sut.example/api").And.Contain("\"description\":\"d\""));
    }
}

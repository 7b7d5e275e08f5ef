using Reference.LabelService;
using Reference.Signalling;
using Stir;

namespace Reference.CallerAuthentication;

/// <summary>Wires STIR/SHAKEN into the node when Stir:Enabled: the signer (a forward decorator) and the verifier (an INVITE gate).</summary>
public static class StirRegistration
{
    public static void AddStir(this WebApplicationBuilder builder)
    {
        var options = StirOptions.From(builder.Configuration.GetSection("Stir"));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<SigningPeers>();
        if (!options.Enabled)
        {
            return;
        }

        var repository = new CertificateRepository();
        foreach (var (x5u, path) in options.Trusted)
        {
            repository.AddFile(x5u, path);
        }

        // Without a configured key the node signs with one of its own; verifiers must then be given its certificate.
        // Read here, so that a bad key file stops the start; then owned by the container (registered through a factory,
        // which the container disposes with itself; an instance handed over as is it would leave undisposed).
#pragma warning disable CA2000
        var credential = options.SigningKey is { } key && options.Certificate is { } certificate
            ? SigningCredential.Load(key, certificate, options.X5u)
            : SigningCredential.CreateSelfSigned(options.X5u, "reference screening node", TimeSpan.FromDays(365));
#pragma warning restore CA2000
        builder.Services.AddSingleton(_ => credential);
        builder.Services.AddSingleton(repository);
        builder.Services.AddSingleton(options.Verifier);
        builder.Services.AddSingleton<PassportVerifier>();
        builder.Services.AddSingleton<IForwardDecorator, IdentitySigning>();
        builder.Services.AddSingleton<IInviteGate, IdentityVerification>();
    }
}

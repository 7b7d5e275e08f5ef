namespace Reference.Access;

/// <summary>Where issued keys live durably: their hashes, roles and revocations, never a secret.</summary>
public interface IApiKeyStore : IDisposable
{
    IReadOnlyList<(ApiKey Key, string Hash)> Load();

    void Add(ApiKey key, string hash);

    void Revoke(string id, DateTimeOffset at);
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Reference.Access;

/// <summary>
/// The keys the node accepts: the administrator key from configuration (Api:AdminKey) and the keys it issued,
/// found by the hash of the presented secret. Issuing and revoking write to the store first, then to memory, so
/// a key the API answered for outlives a restart and a revoked one never comes back.
/// </summary>
public sealed class ApiKeyBook
{
    public const string AdministratorKeyId = "administrator";
    public const int MinimumAdminKeyLength = 24;

    private readonly IApiKeyStore _store;
    private readonly byte[]? _adminHash;
    private readonly ConcurrentDictionary<string, ApiKey> _byHash = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (ApiKey Key, string Hash)> _byId = new(StringComparer.Ordinal);
    private readonly Lock _writes = new();

    public ApiKeyBook(IApiKeyStore store, string? adminKey)
    {
        _store = store;
        if (adminKey is { Length: > 0 })
        {
            if (adminKey.Length < MinimumAdminKeyLength)
            {
                throw new InvalidOperationException($"Configuration Api:AdminKey is {adminKey.Length} characters long; use at least {MinimumAdminKeyLength} random characters (such as the output of `openssl rand -base64 32`).");
            }

            _adminHash = SHA256.HashData(Encoding.UTF8.GetBytes(adminKey));
        }

        foreach (var (key, hash) in store.Load())
        {
            _byId[key.Id] = (key, hash);
            if (key.RevokedAt is null)
            {
                _byHash[hash] = key;
            }
        }
    }

    public bool HasAdministrator => _adminHash is not null;

    /// <summary>The caller a bearer secret stands for, or null for a secret the node does not know (or revoked).</summary>
    public ApiCaller? Authenticate(string secret)
    {
        if (_adminHash is not null && CryptographicOperations.FixedTimeEquals(_adminHash, SHA256.HashData(Encoding.UTF8.GetBytes(secret))))
        {
            return new ApiCaller(AdministratorKeyId, [Role.Administrator], AdministratorKeyId);
        }

        return _byHash.TryGetValue(ApiKeyHash.Of(secret), out var key) ? new ApiCaller(key.Id, key.Roles, key.Account) : null;
    }

    /// <summary>Issues a key; the secret is returned this once and kept nowhere.</summary>
    public (ApiKey Key, string Secret) Issue(IReadOnlyList<Role> roles, string account, DateTimeOffset now)
    {
        var secret = ApiKeyHash.NewSecret();
        var hash = ApiKeyHash.Of(secret);
        var key = new ApiKey(ApiKeyHash.NewId(), roles.Distinct().ToList(), account, now);
        lock (_writes)
        {
            _store.Add(key, hash);
            _byId[key.Id] = (key, hash);
            _byHash[hash] = key;
        }

        return (key, secret);
    }

    /// <summary>Revokes a key at once; null when there is no such key, the key unchanged when it was already revoked.</summary>
    public ApiKey? Revoke(string id, DateTimeOffset now)
    {
        lock (_writes)
        {
            if (!_byId.TryGetValue(id, out var entry))
            {
                return null;
            }

            if (entry.Key.RevokedAt is not null)
            {
                return entry.Key;
            }

            _store.Revoke(id, now);
            var revoked = entry.Key with { RevokedAt = now };
            _byId[id] = (revoked, entry.Hash);
            _byHash.TryRemove(entry.Hash, out _);
            return revoked;
        }
    }

    /// <summary>
    /// A key as the shared store has it, written there by another node (or by this one, seen again): issued keys are
    /// taken, revocations applied. A revoked key is never taken back, whatever order the news arrives in.
    /// </summary>
    public void Apply(ApiKey key, string hash)
    {
        lock (_writes)
        {
            if (_byId.TryGetValue(key.Id, out var known) && known.Key.RevokedAt is not null)
            {
                return;
            }

            _byId[key.Id] = (key, hash);
            if (key.RevokedAt is null)
            {
                _byHash[hash] = key;
            }
            else
            {
                _byHash.TryRemove(hash, out _);
            }
        }
    }

    /// <summary>Reads every key from the store again (after notifications may have been missed).</summary>
    public void Reload()
    {
        foreach (var (key, hash) in _store.Load())
        {
            Apply(key, hash);
        }
    }

    public IReadOnlyList<ApiKey> All() => _byId.Values.Select(e => e.Key).OrderBy(k => k.IssuedAt).ThenBy(k => k.Id, StringComparer.Ordinal).ToList();
}

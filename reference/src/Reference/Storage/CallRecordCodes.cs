using System.Data.Common;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Screening;

namespace Reference.Storage;

/// <summary>
/// The codes that stand for a call record's realm, decision and reason in call_records (migration 19): one row of
/// call_record_codes per text, numbered by the store, shared by every node that writes to it. The writer learns a
/// text's code the first time a batch holds it, in the batch's own transaction (the text added if the store lacks
/// it), and keeps it: a code never changes once stored. A batch the store refuses rolls back the codes it added, so
/// the writer then forgets what it learned (<see cref="Forget"/>). Used by the writer's thread only.
/// </summary>
internal sealed class CallRecordCodes
{
    private const string Add = "INSERT INTO call_record_codes (text) VALUES (@text) ON CONFLICT (text) DO NOTHING";
    private const string Find = "SELECT code FROM call_record_codes WHERE text = @text";

    private readonly Dictionary<string, long> _byText = new(StringComparer.Ordinal);

    // Texts read from the journal's bytes, looked up with no string made: a node's decisions and reasons are a few
    // dozen values at most, and a record's are most often the last record's.
    private readonly List<(byte[] Utf8, long Code)> _byBytes = [];
    private readonly long[] _realms = new long[(int)Enum.GetValues<Realm>().Max() + 1];
    private int _lastHit;

    /// <summary>The code of <paramref name="realm"/>'s text (<see cref="CallRecordWriter.RealmCode"/>).</summary>
    public long Of(DbTransaction tx, Realm realm)
    {
        var index = (int)realm;
        if ((uint)index < (uint)_realms.Length && _realms[index] != 0)
        {
            return _realms[index];
        }

        var code = Of(tx, CallRecordWriter.RealmCode(realm));
        if ((uint)index < (uint)_realms.Length)
        {
            _realms[index] = code;
        }

        return code;
    }

    public long Of(DbTransaction tx, string text)
    {
        if (!_byText.TryGetValue(text, out var code))
        {
            code = Learn(tx, text);
            _byText[text] = code;
        }

        return code;
    }

    /// <summary>The code of the text whose UTF-8 is <paramref name="utf8"/>.</summary>
    public long Of(DbTransaction tx, ReadOnlySpan<byte> utf8)
    {
        var known = CollectionsMarshal.AsSpan(_byBytes);
        if (_lastHit < known.Length && utf8.SequenceEqual(known[_lastHit].Utf8))
        {
            return known[_lastHit].Code;
        }

        for (var i = 0; i < known.Length; i++)
        {
            if (utf8.SequenceEqual(known[i].Utf8))
            {
                _lastHit = i;
                return known[i].Code;
            }
        }

        var code = Of(tx, Encoding.UTF8.GetString(utf8));
        _byBytes.Add((utf8.ToArray(), code));
        _lastHit = _byBytes.Count - 1;
        return code;
    }

    /// <summary>Forgets every code learned: those learned in a transaction that rolled back may not exist.</summary>
    public void Forget()
    {
        _byText.Clear();
        _byBytes.Clear();
        Array.Clear(_realms);
        _lastHit = 0;
    }

    /// <summary>
    /// The text's code, the text added first if the store lacks it. Another node adding the same text at the same time
    /// makes this wait for its commit (the text is unique) and then find its code.
    /// </summary>
    private static long Learn(DbTransaction tx, string text)
    {
        SqlDatabase.Execute(tx, Add, ("text", text));
        using var command = tx.Connection!.CreateCommand();
        command.Transaction = tx;
        command.CommandText = Find;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "text";
        parameter.Value = text;
        command.Parameters.Add(parameter);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}

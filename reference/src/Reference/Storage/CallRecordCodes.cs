using System.Data.Common;
using System.Globalization;
using System.Text;
using Screening;

namespace Reference.Storage;

/// <summary>
/// The codes that stand for a call record's realm, decision and reason (migration 19) and origid (migration 20) in
/// call_records: one row of
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

    // Texts read from the journal's bytes, looked up with no string made, by a hash of their bytes: a node's decisions
    // and reasons are a few dozen values, its origids one per entry point (trunk or gateway peer). Each column's last
    // text is tried first, since a record's are most often the last record's.
    private readonly Dictionary<int, (byte[] Utf8, long Code)> _byBytes = [];
    private readonly (byte[] Utf8, long Code)[] _last = new (byte[], long)[Columns];
    private readonly long[] _realms = new long[(int)Enum.GetValues<Realm>().Max() + 1];

    // The store's code of each of the journal's texts, by the journal's code (0: not learned yet).
    private long[]? _byJournal;

    /// <summary>The columns that look texts up by their bytes, each with a last text of its own (<see cref="Of(DbTransaction, ReadOnlySpan{byte}, int)"/>).</summary>
    public const int Columns = 3;

    // Beyond this many texts learned (origids of ever new gateway sources), the writer starts again with none rather
    // than hold them all: a code forgotten is looked up again in the store.
    private const int MostKept = 100_000;

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
            if (_byText.Count >= MostKept)
            {
                _byText.Clear();
            }

            code = Learn(tx, text);
            _byText[text] = code;
        }

        return code;
    }

    /// <summary>The code of the text whose UTF-8 is <paramref name="utf8"/>, for the column numbered <paramref name="column"/> (below <see cref="Columns"/>).</summary>
    public long Of(DbTransaction tx, ReadOnlySpan<byte> utf8, int column)
    {
        ref var last = ref _last[column];
        if (last.Utf8 is not null && utf8.SequenceEqual(last.Utf8))
        {
            return last.Code;
        }

        var hash = new HashCode();
        hash.AddBytes(utf8);
        var key = hash.ToHashCode();
        if (_byBytes.TryGetValue(key, out var known) && utf8.SequenceEqual(known.Utf8))
        {
            last = known;
            return known.Code;
        }

        var code = Of(tx, Encoding.UTF8.GetString(utf8));
        if (_byBytes.Count >= MostKept)
        {
            _byBytes.Clear();
        }

        // Two texts of one hash (rare) share the entry: the later one is looked up by its string each time it is not the last.
        var learned = (utf8.ToArray(), code);
        _byBytes.TryAdd(key, learned);
        last = learned;
        return code;
    }

    /// <summary>
    /// The code of text <paramref name="journalCode"/> of the journal's texts (<see cref="CallRecordTexts"/>), whose
    /// UTF-8 is <paramref name="utf8"/>: an index into what this writer learned, no bytes compared.
    /// </summary>
    public long Of(DbTransaction tx, int journalCode, ReadOnlySpan<byte> utf8)
    {
        _byJournal ??= new long[CallRecordTexts.MostCodes];
        ref var known = ref _byJournal[journalCode];
        if (known == 0)
        {
            known = Of(tx, Encoding.UTF8.GetString(utf8));
        }

        return known;
    }

    /// <summary>Forgets every code learned: those learned in a transaction that rolled back may not exist.</summary>
    public void Forget()
    {
        if (_byJournal is not null)
        {
            Array.Clear(_byJournal);
        }

        _byText.Clear();
        _byBytes.Clear();
        Array.Clear(_last);
        Array.Clear(_realms);
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

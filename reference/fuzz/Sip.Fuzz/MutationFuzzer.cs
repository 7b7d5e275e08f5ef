using System.Diagnostics;
using System.Text;

namespace Sip.Fuzz;

/// <summary>
/// A small libFuzzer-style loop for machines without AFL: mutates a seed corpus (bit flips, byte sets, inserts,
/// deletes, duplicated chunks, splices and SIP-flavoured tokens), runs the target, and counts executions, crashes
/// and hangs. Crashing and hanging inputs are written to the output folder so they can become test cases.
/// </summary>
public sealed class MutationFuzzer(IReadOnlyList<byte[]> corpus, string outputFolder, int seed, TimeSpan hangAfter)
{
    private static readonly byte[][] Tokens =
    [
        "\r\n"u8.ToArray(), "\r\n\r\n"u8.ToArray(), ":"u8.ToArray(), ";"u8.ToArray(), ","u8.ToArray(), "\""u8.ToArray(),
        "<"u8.ToArray(), ">"u8.ToArray(), "%"u8.ToArray(), "\\"u8.ToArray(), " "u8.ToArray(), "\t"u8.ToArray(), "\0"u8.ToArray(),
        "Content-Length: 99999999999\r\n"u8.ToArray(), "l: -1\r\n"u8.ToArray(), "Via: SIP/2.0/UDP [::1]:0;branch=\r\n"u8.ToArray(),
        "sip:"u8.ToArray(), "tel:"u8.ToArray(), "@"u8.ToArray(), "SIP/2.0"u8.ToArray(), "\r\n "u8.ToArray(), "骚扰"u8.ToArray(),
    ];

    private readonly Random _random = new(seed);

    public long Executions { get; private set; }

    public int Crashes { get; private set; }

    public int Hangs { get; private set; }

    public void Run(TimeSpan duration)
    {
        Directory.CreateDirectory(outputFolder);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            var input = Mutate(corpus[_random.Next(corpus.Count)]);
            var started = Stopwatch.GetTimestamp();
            try
            {
                ParserTarget.Run(input);
            }
            catch (Exception ex)
            {
                Crashes++;
                Save("crash", input, ex.ToString());
            }

            if (Stopwatch.GetElapsedTime(started) > hangAfter)
            {
                Hangs++;
                Save("hang", input, $"took {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms");
            }

            Executions++;
        }
    }

    private byte[] Mutate(byte[] seed)
    {
        var data = new List<byte>(seed);
        var rounds = 1 + _random.Next(8);
        for (var i = 0; i < rounds; i++)
        {
            var at = data.Count == 0 ? 0 : _random.Next(data.Count);
            switch (_random.Next(7))
            {
                case 0 when data.Count > 0:
                    data[at] ^= (byte)(1 << _random.Next(8));
                    break;
                case 1 when data.Count > 0:
                    data[at] = (byte)_random.Next(256);
                    break;
                case 2:
                    data.InsertRange(at, Tokens[_random.Next(Tokens.Length)]);
                    break;
                case 3 when data.Count > 0:
                    data.RemoveRange(at, Math.Min(data.Count - at, 1 + _random.Next(16)));
                    break;
                case 4 when data.Count > 0:
                    var length = Math.Min(data.Count - at, 1 + _random.Next(64));
                    data.InsertRange(_random.Next(data.Count), data.GetRange(at, length));
                    break;
                case 5:
                    var other = corpus[_random.Next(corpus.Count)];
                    var from = _random.Next(other.Length);
                    data.InsertRange(at, other.AsSpan(from, Math.Min(other.Length - from, 1 + _random.Next(128))).ToArray());
                    break;
                default:
                    if (data.Count > 0)
                    {
                        data.RemoveRange(at, data.Count - at);
                    }

                    break;
            }
        }

        return data.ToArray();
    }

    private void Save(string kind, byte[] input, string why)
    {
        var name = Path.Combine(outputFolder, $"{kind}-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(input))[..16]}");
        File.WriteAllBytes(name + ".sip", input);
        File.WriteAllText(name + ".txt", why, Encoding.UTF8);
    }
}

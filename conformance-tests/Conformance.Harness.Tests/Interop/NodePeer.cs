using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace Conformance.Harness.Tests.Interop;

/// <summary>
/// A node process running one of the interop scripts on loopback. Its stdout is one JSON object per line;
/// it is killed by its PID on dispose.
/// </summary>
internal sealed class NodePeer : IDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<JsonElement> _events = [];
    private readonly List<JsonElement> _seen = [];
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly Lock _gate = new();
    private bool _closed;

    private NodePeer(Process process)
    {
        _process = process;
        // The process's last lines can arrive on a pool thread after Dispose: the gate keeps them off the disposed collection.
        _process.OutputDataReceived += (_, line) =>
        {
            lock (_gate)
            {
                if (_closed)
                {
                    return;
                }

                if (line.Data is null)
                {
                    _events.CompleteAdding();
                }
                else if (line.Data.StartsWith('{'))
                {
                    _events.Add(JsonDocument.Parse(line.Data).RootElement.Clone());
                }
            }
        };
        _process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                _errors.Enqueue(line.Data);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static string Directory { get; } = typeof(NodePeer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "InteropDirectory").Value!;

    public string Errors => string.Join(Environment.NewLine, _errors);

    public static NodePeer Start(string script, params string[] arguments)
    {
        if (!System.IO.Directory.Exists(Path.Combine(Directory, "node_modules", "smpp")))
        {
            Assert.Fail($"The npm package smpp is not installed in {Directory}: run `npm ci` there (.ci/install does).");
        }

        var start = new ProcessStartInfo("node") { WorkingDirectory = Directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new NodePeer(Process.Start(start) ?? throw new InvalidOperationException("node did not start; is node on PATH?"));
    }

    /// <summary>The next event whose "event" field is <paramref name="name"/>, waiting at most the timeout.</summary>
    public JsonElement Next(string name, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        while (deadline.Elapsed < limit)
        {
            if (_events.TryTake(out var item, limit - deadline.Elapsed))
            {
                _seen.Add(item);
                if (item.GetProperty("event").GetString() == name)
                {
                    return item;
                }
            }
            else if (_events.IsCompleted)
            {
                break;
            }
        }

        Assert.Fail($"node never reported \"{name}\" within {limit.TotalSeconds} s. Seen: {string.Join(" ", _seen)}. Stderr: {Errors}");
        return default;
    }

    /// <summary>
    /// Events in arrival order until each of <paramref name="names"/> has been reported as often as it is listed,
    /// whatever their order: the node reports what each connection callback sees, and a receipt may overtake the
    /// answer to the submit it belongs to.
    /// </summary>
    public IReadOnlyList<JsonElement> Collect(TimeSpan timeout, params string[] names)
    {
        var wanted = names.GroupBy(n => n).ToDictionary(g => g.Key, g => g.Count());
        var collected = new List<JsonElement>();
        var deadline = Stopwatch.StartNew();
        while (wanted.Values.Any(count => count > 0) && deadline.Elapsed < timeout)
        {
            if (_events.TryTake(out var item, timeout - deadline.Elapsed))
            {
                _seen.Add(item);
                var name = item.GetProperty("event").GetString() ?? string.Empty;
                if (wanted.TryGetValue(name, out var left) && left > 0)
                {
                    wanted[name] = left - 1;
                    collected.Add(item);
                }
            }
            else if (_events.IsCompleted)
            {
                break;
            }
        }

        if (wanted.Values.Any(count => count > 0))
        {
            Assert.Fail($"node never reported {string.Join(", ", wanted.Where(w => w.Value > 0).Select(w => $"\"{w.Key}\" ×{w.Value}"))} within {timeout.TotalSeconds} s. Seen: {string.Join(" ", _seen)}. Stderr: {Errors}");
        }

        return collected;
    }

    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    public int ExitCode => _process.ExitCode;

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        lock (_gate)
        {
            _closed = true;
        }

        _process.Dispose();
        _events.Dispose();
    }
}

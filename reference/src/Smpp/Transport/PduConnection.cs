using Smpp.Codec;
using Smpp.Pdus;

namespace Smpp.Transport;

/// <summary>
/// Frames PDUs over a byte stream (a TCP socket or an in-memory pipe). Reads come from one loop; writes from
/// any thread are serialised so two PDUs never interleave.
/// </summary>
public sealed class PduConnection : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly PduCodecOptions _options;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private byte[] _buffer = new byte[4096];
    private int _start;
    private int _end;

    public PduConnection(Stream stream, PduCodecOptions? options = null)
    {
        _stream = stream;
        _options = options ?? PduCodecOptions.Default;
    }

    /// <summary>The next decoded or rejected frame; null when the peer closed the stream.</summary>
    public async ValueTask<PduDecodeResult?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = PduCodec.Decode(_buffer.AsSpan(_start, _end - _start), _options);
            if (result.Status != PduDecodeStatus.Incomplete)
            {
                _start += result.Consumed;
                return result;
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            _end += read;
        }
    }

    public async ValueTask WriteAsync(Pdu pdu, CancellationToken cancellationToken)
    {
        var bytes = PduCodec.Encode(pdu);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
        _writeLock.Dispose();
    }
}

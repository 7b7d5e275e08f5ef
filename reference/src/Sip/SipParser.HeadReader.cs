using System.Text;

namespace Sip;

/// <summary>The reading of one header block, line by line, for the parser.</summary>
public sealed partial class SipParser
{
    /// <summary>Reads one header block: start line, then header fields with their continuation lines.</summary>
    private ref struct HeadReader(SipParser parser, ReadOnlySpan<byte> head)
    {
        private readonly ReadOnlySpan<byte> _head = head;

        // The first malformed Via, From, To or Contact: reported after the missing-header and CSeq checks, as before.
        private SipParseResult? _structureProblem;

        // A header problem found while reading the fields, reported by Finish.
        private SipParseResult? _firstProblem;

        // What the scan of the block found: clean (no stray control or line-end byte), and then whether all ASCII.
        private bool _clean;
        private bool _ascii;

        // The singleton flags and SeenVia, SeenProxyRequire of every header added to the message.
        private int _seen;

        // The request's method as it appeared on the start line; empty for a response.
        private ReadOnlySpan<byte> _method;

        // CSeq as read: whether it parsed, and whether its method is the request's.
        private bool _cseqValid;
        private bool _cseqMethodMatches;
        private string? _cseqMethod;

        // The top Via value as the check read it (its field's entry, its length, its parts), kept for the message's
        // first read of its top Via on this thread (SipHeaders.TryReadTopVia): an INVITE's stamp and an ACK's
        // transaction key then do not read it again. Entry -1 when the first Via field was not read so.
        private int _topViaEntry = -1;
        private int _topViaLength;
        private ViaTokens _topViaTokens;
        private bool _viaChecked;

        public int? ContentLength { get; private set; }

        public string? ContentLengthProblem { get; private set; }

        /// <summary>Reads the start line and every header field; the message's buffer is attached after this, before <see cref="Finish"/>.</summary>
        [System.Runtime.CompilerServices.SkipLocalsInit]
        public SipParseResult ReadFields()
        {
            // One scan of the block replaces a control search and a line-end search per line, and an ASCII check per value.
            System.Runtime.CompilerServices.Unsafe.SkipInit(out HeadScan.LineEnds lineEndStore);
            Span<int> lineEnds = lineEndStore;
            _clean = HeadScan.IsClean(_head, lineEnds, out var recorded, out _ascii);
            var line = 0;
            var lineEnd = line < recorded ? lineEnds[line++] : LineEnd(_head, 0);
            // Room for the fields a clean block holds (one per line but the start line) and one a receiver adds (a
            // proxy's decoration of the request it forwards), not a default guess.
            var fields = _clean && recorded < HeadScan.Capacity ? Math.Max(1, recorded) : 16;
            var startResult = ReadStartLine(_head[..lineEnd], fields);
            var message = startResult.Message;
            if (message is null)
            {
                return startResult;
            }

            // After a bad header the rest is still read, so that the rejection can be answered (it needs Via, From, To, Call-ID, CSeq).
            SipParseResult? firstProblem = null;
            var singletons = 0;
            var clean = _clean;
            var pos = lineEnd + 2;
            while (pos < _head.Length)
            {
                var fieldStart = pos;
                var fieldEnd = line < recorded ? lineEnds[line++] : LineEnd(_head, pos);
                var folded = false;
                pos = fieldEnd + 2;
                while (pos < _head.Length && IsWhitespace(_head[pos]))
                {
                    folded = true;
                    fieldEnd = line < recorded ? lineEnds[line++] : LineEnd(_head, pos);
                    pos = fieldEnd + 2;
                }

                var field = _head[fieldStart..fieldEnd];
                if (IsWhitespace(_head[fieldStart]))
                {
                    firstProblem ??= SipParseResult.Reject(SipParseError.MalformedHeader, "a continuation line follows the start line", message);
                    continue;
                }

                // A quoted-string may escape a control byte and run across a fold, so the grammar reads the whole field.
                if (!clean && !FieldBytes.AreLegal(field))
                {
                    firstProblem ??= SipParseResult.Reject(SipParseError.MalformedHeader, $"header '{Truncate(field)}' holds a control character", message);
                    continue;
                }

                var colon = NameEnd(field);
                var rawName = colon < 0 ? default : Trim(field[..colon]);
                var known = colon > 0 ? HeaderNames.KnownIndex(rawName) : -1;
                if (known < 0 && (colon <= 0 || !IsToken(rawName)))
                {
                    firstProblem ??= SipParseResult.Reject(SipParseError.MalformedHeader, $"header line '{Truncate(field)}' has no name and colon", message);
                    continue;
                }

                // A name not known is kept as it came (a token, so ASCII), and the parser needs to know nothing of it.
                var name = known >= 0 ? HeaderNames.KnownAt(known) : Encoding.ASCII.GetString(rawName);
                var traits = known >= 0 ? Traits[known] : 0;
                var valueStart = fieldStart + colon + 1;
                var valueEnd = fieldEnd;
                while (valueStart < valueEnd && IsWhitespace(_head[valueStart]))
                {
                    valueStart++;
                }

                while (valueEnd > valueStart && IsWhitespace(_head[valueEnd - 1]))
                {
                    valueEnd--;
                }

                var valueBytes = _head[valueStart..valueEnd];
                if (traits != 0 && CheckScalar(name, traits, valueBytes, ref singletons) is { } error)
                {
                    firstProblem ??= SipParseResult.Reject(error.Error, error.Detail, message);
                    if (error.Error == SipParseError.DuplicateSingletonHeader)
                    {
                        continue;
                    }
                }

                // A value too long for a raw entry (only where messages may exceed 64 KB) is kept as text.
                var unfolded = folded ? Unfold(valueBytes) : valueBytes.Length > SipHeaders.LongestRaw ? Encoding.UTF8.GetString(valueBytes) : null;
                if (unfolded is not null)
                {
                    message.Headers.AddCanonical(name, unfolded);
                }
                else
                {
                    if (known >= 0)
                    {
                        message.Headers.AddRaw(known, valueStart, valueEnd - valueStart);
                    }
                    else
                    {
                        message.Headers.AddRaw(name, valueStart, valueEnd - valueStart);
                    }
                }

                _seen |= traits & Seen;
                if ((traits & Structured) != 0 && CheckStructure(name, traits, valueBytes, unfolded, message) is { } structureProblem)
                {
                    _structureProblem ??= structureProblem;
                }
            }

            _firstProblem = firstProblem;
            return startResult;
        }

        /// <summary>The verdict on the fields read, once the message holds its buffer (the Proxy-Require check reads values).</summary>
        public readonly SipParseResult Finish(SipParseResult startResult)
        {
            if (startResult.Status == SipParseStatus.Rejected)
            {
                return startResult;
            }

            if (_firstProblem is { } problem)
            {
                return problem;
            }

            return Validate(startResult.Message!);
        }

        /// <summary>
        /// The index of the CRLF ending the line that starts at <paramref name="start"/>. A single-byte search finds
        /// the LF; only a bare LF (never legal, and caught as a control character) needs the slower pair search.
        /// </summary>
        private static int LineEnd(ReadOnlySpan<byte> head, int start)
        {
            var lf = start + head[start..].IndexOf((byte)'\n');
            return lf > start && head[lf - 1] == '\r' ? lf - 1 : start + head[start..].IndexOf("\r\n"u8);
        }

        /// <summary>The index of the first colon: byte by byte, as it ends a name of a few bytes that a vectorized search would not pay for.</summary>
        private static int NameEnd(ReadOnlySpan<byte> field)
        {
            for (var i = 0; i < field.Length; i++)
            {
                if (field[i] == ':')
                {
                    return i;
                }
            }

            return -1;
        }

        private (SipParseError Error, string Detail)? CheckScalar(string name, int traits, ReadOnlySpan<byte> value, ref int singletons)
        {
            var flag = traits & Singletons;
            if (flag != 0)
            {
                if ((singletons & flag) != 0)
                {
                    return (SipParseError.DuplicateSingletonHeader, $"{name} appears more than once");
                }

                singletons |= flag;
            }

            if (flag == SingletonMaxForwards && !TryDigits(value, 255, out _))
            {
                return (SipParseError.MalformedHeader, $"Max-Forwards '{Truncate(value)}' is not an integer from 0 to 255");
            }

            if (flag == SingletonCallId && (value.IsEmpty || value.IndexOfAny((byte)' ', (byte)'\t') >= 0))
            {
                return (SipParseError.MalformedHeader, "Call-ID is empty or holds whitespace");
            }

            if ((traits & IsContentLength) != 0 && ContentLengthProblem is null)
            {
                if (!TryDigits(value, int.MaxValue, out var length))
                {
                    ContentLengthProblem = $"Content-Length '{Truncate(value)}' is not a non-negative integer";
                }
                else if (ContentLength is { } earlier && earlier != length)
                {
                    ContentLengthProblem = "Content-Length appears twice with different values";
                }
                else
                {
                    ContentLength = (int)length;
                }
            }

            return null;
        }

        private SipParseResult ReadStartLine(ReadOnlySpan<byte> line, int fields)
        {
            if (!_clean && line.IndexOfAny(Forbidden) >= 0)
            {
                return SipParseResult.Reject(SipParseError.MalformedStartLine, "start line holds a control character");
            }

            if (line.Length >= 4 && Ascii.EqualsIgnoreCase(line[..4], "SIP/"u8))
            {
                return ReadStatusLine(line, fields);
            }

            // Request-Line = Method SP Request-URI SP SIP-Version: exactly one SP between elements, none at the end.
            var sp1 = line.IndexOf((byte)' ');
            var sp2 = sp1 < 0 ? -1 : line[(sp1 + 1)..].IndexOf((byte)' ');
            var method = sp1 < 0 ? line : line[..sp1];
            if (!IsToken(method))
            {
                return SipParseResult.Reject(SipParseError.MalformedStartLine, $"request line does not start with a method: '{Truncate(line)}'");
            }

            sp2 = sp2 < 0 ? -1 : sp1 + 1 + sp2;
            var uriBytes = sp2 < 0 ? (sp1 < 0 ? default : line[(sp1 + 1)..]) : line[(sp1 + 1)..sp2];
            var version = sp2 < 0 ? default : line[(sp2 + 1)..];
            _method = method;
            // An all-ASCII block needs no UTF-8 decoding: widening its bytes gives the same string without validating them again.
            // The URI stays bytes of the message's buffer (which starts with this line) until read.
            var request = new SipRequest { Method = MethodName(method), RequestUri = string.Empty, Headers = new SipHeaders(fields) };
            request.SetRawRequestUri(uriBytes.Length, _ascii);
            if (sp2 < 0 || uriBytes.IsEmpty || uriBytes.IndexOfAny((byte)'\t', (byte)' ') >= 0 || version.IndexOfAny((byte)' ', (byte)'\t') >= 0)
            {
                return SipParseResult.Reject(SipParseError.MalformedStartLine, $"request line is not 'METHOD SP URI SP SIP/2.0': '{Truncate(line)}'", request);
            }

            if (!Ascii.EqualsIgnoreCase(version, "SIP/2.0"u8))
            {
                return version.Length >= 4 && Ascii.EqualsIgnoreCase(version[..4], "SIP/"u8)
                    ? SipParseResult.Reject(SipParseError.UnsupportedVersion, $"version {Truncate(version)} is not SIP/2.0", request)
                    : SipParseResult.Reject(SipParseError.MalformedStartLine, "request line does not end with SIP/2.0", request);
            }

            if (uriBytes.Length > parser.Options.MaxRequestUriLength)
            {
                return SipParseResult.Reject(SipParseError.RequestUriTooLong, $"Request-URI longer than {parser.Options.MaxRequestUriLength}", request);
            }

            var colon = uriBytes.IndexOf((byte)':');
            if (colon <= 0 || !IsScheme(uriBytes[..colon]))
            {
                return SipParseResult.Reject(SipParseError.MalformedStartLine, $"Request-URI '{Truncate(uriBytes)}' has no scheme", request);
            }

            var scheme = uriBytes[..colon];
            var isSip = Ascii.EqualsIgnoreCase(scheme, "sip"u8) || Ascii.EqualsIgnoreCase(scheme, "sips"u8);
            if (!isSip && !Ascii.EqualsIgnoreCase(scheme, "tel"u8))
            {
                return SipParseResult.Reject(SipParseError.UnsupportedUriScheme, $"Request-URI scheme '{Truncate(scheme)}' is not supported", request);
            }

            // A Request-URI never carries URI headers (RFC 3261 §19.1.5; RFC 4475 §3.1.2.11).
            if (!UriTokens.TryRead(uriBytes, out var uriParts) || (isSip && uriParts.HasHeaders))
            {
                return SipParseResult.Reject(SipParseError.MalformedStartLine, $"Request-URI '{Truncate(uriBytes)}' is malformed", request);
            }

            return SipParseResult.Complete(request, 0);
        }

        private static SipParseResult ReadStatusLine(ReadOnlySpan<byte> line, int fields)
        {
            // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase; the phrase may be empty or UTF-8.
            var space = line.IndexOf((byte)' ');
            if (space < 0 || !Ascii.EqualsIgnoreCase(line[..space], "SIP/2.0"u8))
            {
                return SipParseResult.Reject(SipParseError.UnsupportedVersion, $"unsupported version in '{Truncate(line)}'");
            }

            var afterCode = space + 4;
            if (line.Length < afterCode || !TryDigits(line[(space + 1)..afterCode], 699, out var code) || code < 100 ||
                (line.Length > afterCode && line[afterCode] != ' '))
            {
                return SipParseResult.Reject(SipParseError.MalformedStartLine, $"invalid status code in '{Truncate(line)}'");
            }

            var reason = line.Length > afterCode + 1 ? Encoding.UTF8.GetString(line[(afterCode + 1)..]) : string.Empty;
            return SipParseResult.Complete(new SipResponse { StatusCode = (int)code, ReasonPhrase = reason, Headers = new SipHeaders(fields) }, 0);
        }

        private readonly SipParseResult Validate(SipMessage message)
        {
            if ((_seen & SeenVia) == 0)
            {
                return Missing(message, HeaderNames.Via);
            }

            if ((_seen & SingletonFrom) == 0)
            {
                return Missing(message, HeaderNames.From);
            }

            if ((_seen & SingletonTo) == 0)
            {
                return Missing(message, HeaderNames.To);
            }

            if ((_seen & SingletonCallId) == 0)
            {
                return Missing(message, HeaderNames.CallId);
            }

            if (!_cseqValid)
            {
                return (_seen & SingletonCSeq) != 0
                    ? SipParseResult.Reject(SipParseError.MalformedHeader, "CSeq is not 'number method' with a 32-bit number", message)
                    : Missing(message, HeaderNames.CSeq);
            }

            if (_structureProblem is { } structureProblem)
            {
                return structureProblem;
            }

            if (message is SipRequest request)
            {
                if (!_cseqMethodMatches)
                {
                    return SipParseResult.Reject(SipParseError.CSeqMethodMismatch, $"CSeq method {_cseqMethod} differs from {request.Method}", message);
                }

                if ((_seen & SeenProxyRequire) != 0 && parser.UnsupportedProxyRequire(message) is { Count: > 0 } unsupported)
                {
                    return SipParseResult.Reject(SipParseError.UnsupportedExtension, $"Proxy-Require {string.Join(", ", unsupported)} is not supported", message);
                }
            }

            return SipParseResult.Complete(message, 0);
        }

        /// <summary>
        /// Checks a Via, From, To, Contact or CSeq value on its wire bytes; a folded value, whose folds were joined
        /// into a string, on that string's bytes.
        /// </summary>
        private SipParseResult? CheckStructure(string name, int traits, ReadOnlySpan<byte> bytes, string? unfolded, SipMessage message) =>
            unfolded is null ? CheckBytes(name, traits & Structured, bytes, message) : CheckUnfolded(name, traits & Structured, unfolded, message);

        /// <summary>
        /// The folded value on a stack copy of its bytes: nothing is allocated unless it is wrong. Apart, so that the stack
        /// copy does not make the usual path compile straight to optimized code, without the profile-guided kind.
        /// </summary>
        [System.Runtime.CompilerServices.SkipLocalsInit]
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private SipParseResult? CheckUnfolded(string name, int check, string unfolded, SipMessage message)
        {
            var max = Encoding.UTF8.GetMaxByteCount(unfolded.Length);
            Span<byte> buffer = max <= 512 ? stackalloc byte[512] : new byte[max];
            return CheckBytes(name, check, buffer[..Encoding.UTF8.GetBytes(unfolded, buffer)], message);
        }

        private SipParseResult? CheckBytes(string name, int check, scoped ReadOnlySpan<byte> value, SipMessage message)
        {
            switch (check)
            {
                case CheckCSeq:
                    _cseqValid = ByteGrammar.TryCSeq(value, out _, out var method);
                    _cseqMethodMatches = _cseqValid && message is SipRequest && method.SequenceEqual(_method);
                    _cseqMethod = _cseqValid && !_cseqMethodMatches ? Encoding.ASCII.GetString(method) : null;
                    return null;
                case CheckVia:
                    return ViasRead(value, message)
                        ? null
                        : SipParseResult.Reject(SipParseError.MalformedHeader, $"Via '{Encoding.UTF8.GetString(value)}' is malformed", message);
                case CheckContact when value.SequenceEqual("*"u8):
                    return null;
                case CheckContact:
                    return ByteGrammar.AllCommaParts(value, static part => NameAddressTokens.TryRead(part, out _))
                        ? null
                        : SipParseResult.Reject(SipParseError.MalformedHeader, $"Contact '{Encoding.UTF8.GetString(value)}' is malformed", message);
                default:
                    return NameAddressTokens.TryRead(value, out _)
                        ? null
                        : SipParseResult.Reject(SipParseError.MalformedHeader, $"{name} is malformed", message);
            }
        }

        /// <summary>
        /// Every value of a Via field reads by <see cref="ViaTokens"/>. The first value of the first field, on its wire
        /// bytes and untrimmed (as <see cref="SipHeaders"/> takes the top Via), is read apart so its parts can be kept.
        /// </summary>
        private bool ViasRead(scoped ReadOnlySpan<byte> value, SipMessage message)
        {
            var first = !_viaChecked;
            _viaChecked = true;
            var entry = message.Headers.Count - 1;
            if (!first || !message.Headers.IsRawEntry(entry))
            {
                return ByteGrammar.AllCommaParts(value, static part => ViaTokens.TryRead(part, out _));
            }

            var comma = ByteGrammar.NextSeparator(value, 0);
            var top = comma < 0 ? value : value[..comma];
            if (ByteGrammar.Trim(top).Length != top.Length)
            {
                return ByteGrammar.AllCommaParts(value, static part => ViaTokens.TryRead(part, out _));
            }

            if (!ViaTokens.TryRead(top, out var tokens))
            {
                return false;
            }

            _topViaEntry = entry;
            _topViaLength = top.Length;
            _topViaTokens = tokens;
            if (comma < 0)
            {
                return true;
            }

            // The rest as AllCommaParts takes it after a first part: a trailing comma alone is allowed.
            var rest = value[(comma + 1)..];
            return ByteGrammar.Trim(rest).IsEmpty || ByteGrammar.AllCommaParts(rest, static part => ViaTokens.TryRead(part, out _));
        }

        /// <summary>Hands the top Via as the check read it to the message's headers (see <see cref="SipHeaders"/>'s TryReadTopVia).</summary>
        public readonly void KeepTopVia(SipMessage message)
        {
            if (_topViaEntry >= 0)
            {
                message.Headers.KeepTopVia(_topViaEntry, _topViaLength, _topViaTokens);
            }
        }

        private static SipParseResult Missing(SipMessage message, string name) =>
            SipParseResult.Reject(SipParseError.MissingRequiredHeader, $"missing {name} header", message);

        /// <summary>Joins continuation lines with one space, RFC 3261 §7.3.1.</summary>
        private static string Unfold(ReadOnlySpan<byte> value)
        {
            var builder = new StringBuilder(value.Length);
            foreach (var range in value.Split("\r\n"u8))
            {
                var part = Trim(value[range]);
                if (part.IsEmpty)
                {
                    continue;
                }

                if (builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(Encoding.UTF8.GetString(part));
            }

            return builder.ToString();
        }
    }
}

using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Conformance.Reporting.Bundle;

/// <summary>
/// Writes packets as a pcapng capture (draft-ietf-opsawg-pcapng) that Wireshark opens and dissects: one section, one
/// Ethernet interface with microsecond timestamps, one Enhanced Packet Block per datagram or stream read. The suite's
/// peers see payloads, not frames, so each payload gets Ethernet, IPv4 or IPv6, and UDP or TCP headers rebuilt around
/// it from the real addresses and ports. TCP sequence numbers run on per direction of each connection, so the
/// dissector reassembles a stream as it was read; there is no handshake, as none was seen.
/// </summary>
public static class PcapNgWriter
{
    private const uint SectionHeaderType = 0x0A0D0D0A;
    private const uint InterfaceDescriptionType = 1;
    private const uint EnhancedPacketType = 6;
    private const ushort LinkTypeEthernet = 1;

    public static void Write(Stream stream, IEnumerable<CapturedPacket> packets, string comment)
    {
        WriteBlock(stream, SectionHeaderType, body =>
        {
            WriteUInt32(body, 0x1A2B3C4D);
            WriteUInt16(body, 1);
            WriteUInt16(body, 0);
            WriteUInt64(body, ulong.MaxValue); // section length not given
            WriteOption(body, 1, Encoding.UTF8.GetBytes(comment));
            WriteOption(body, 4, Encoding.UTF8.GetBytes("harassment-call conformance suite"));
            WriteOption(body, 0, []);
        });
        WriteBlock(stream, InterfaceDescriptionType, body =>
        {
            WriteUInt16(body, LinkTypeEthernet);
            WriteUInt16(body, 0);
            WriteUInt32(body, 0); // no snapshot length
            WriteOption(body, 2, "lo"u8.ToArray());
            WriteOption(body, 9, [6]); // if_tsresol: microseconds
            WriteOption(body, 0, []);
        });

        var sequences = new Dictionary<(string From, string To, int Connection), uint>();
        foreach (var packet in packets)
        {
            var frame = Frame(packet, sequences);
            var micros = (ulong)((packet.At.UtcTicks - DateTime.UnixEpoch.Ticks) / 10);
            WriteBlock(stream, EnhancedPacketType, body =>
            {
                WriteUInt32(body, 0);
                WriteUInt32(body, (uint)(micros >> 32));
                WriteUInt32(body, (uint)micros);
                WriteUInt32(body, (uint)frame.Length);
                WriteUInt32(body, (uint)frame.Length);
                body.Write(frame);
                Pad(body);
            });
        }
    }

    /// <summary>The Ethernet frame around one payload; public so that a test can check the headers byte by byte.</summary>
    public static byte[] Frame(CapturedPacket packet, Dictionary<(string From, string To, int Connection), uint> sequences)
    {
        var source = IPEndPoint.Parse(packet.Source);
        var destination = IPEndPoint.Parse(packet.Destination);
        var tcp = string.Equals(packet.Transport, "TCP", StringComparison.OrdinalIgnoreCase);
        var transport = tcp ? Tcp(packet, source, destination, sequences) : Udp(packet.Bytes, source, destination);
        var v6 = source.AddressFamily == AddressFamily.InterNetworkV6;
        var ip = v6 ? IPv6(source.Address, destination.Address, tcp ? (byte)6 : (byte)17, transport.Length)
            : IPv4(source.Address, destination.Address, tcp ? (byte)6 : (byte)17, transport.Length);
        var frame = new byte[14 + ip.Length + transport.Length];
        // Both MAC addresses zero, as on a loopback interface; the EtherType names the IP version.
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), v6 ? (ushort)0x86DD : (ushort)0x0800);
        ip.CopyTo(frame, 14);
        transport.CopyTo(frame, 14 + ip.Length);
        return frame;
    }

    private static byte[] Udp(byte[] payload, IPEndPoint source, IPEndPoint destination)
    {
        var udp = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(udp, (ushort)source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(2), (ushort)destination.Port);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(4), (ushort)Math.Min(udp.Length, ushort.MaxValue));
        // Checksum 0: none computed (RFC 768), which Wireshark accepts without complaint.
        payload.CopyTo(udp, 8);
        return udp;
    }

    private static byte[] Tcp(CapturedPacket packet, IPEndPoint source, IPEndPoint destination, Dictionary<(string, string, int), uint> sequences)
    {
        var forward = (packet.Source, packet.Destination, packet.Connection);
        var backward = (packet.Destination, packet.Source, packet.Connection);
        var sequence = sequences.GetValueOrDefault(forward, 1u);
        sequences[forward] = sequence + (uint)packet.Bytes.Length;
        var tcp = new byte[20 + packet.Bytes.Length];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, (ushort)source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(2), (ushort)destination.Port);
        BinaryPrimitives.WriteUInt32BigEndian(tcp.AsSpan(4), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(tcp.AsSpan(8), sequences.GetValueOrDefault(backward, 1u));
        tcp[12] = 5 << 4;
        tcp[13] = 0x18; // PSH, ACK
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(14), ushort.MaxValue);
        packet.Bytes.CopyTo(tcp, 20);
        return tcp;
    }

    private static byte[] IPv4(IPAddress source, IPAddress destination, byte protocol, int payloadLength)
    {
        var ip = new byte[20];
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(2), (ushort)Math.Min(20 + payloadLength, ushort.MaxValue));
        ip[6] = 0x40; // don't fragment
        ip[8] = 64;
        ip[9] = protocol;
        source.MapToIPv4().TryWriteBytes(ip.AsSpan(12), out _);
        destination.MapToIPv4().TryWriteBytes(ip.AsSpan(16), out _);
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(10), Checksum(ip));
        return ip;
    }

    private static byte[] IPv6(IPAddress source, IPAddress destination, byte protocol, int payloadLength)
    {
        var ip = new byte[40];
        ip[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(4), (ushort)Math.Min(payloadLength, ushort.MaxValue));
        ip[6] = protocol;
        ip[7] = 64;
        source.TryWriteBytes(ip.AsSpan(8), out _);
        destination.TryWriteBytes(ip.AsSpan(24), out _);
        return ip;
    }

    /// <summary>The Internet checksum (RFC 1071) of a header whose checksum field is still zero.</summary>
    public static ushort Checksum(ReadOnlySpan<byte> header)
    {
        uint sum = 0;
        for (var i = 0; i + 1 < header.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(header[i..]);
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    private static void WriteBlock(Stream stream, uint type, Action<MemoryStream> writeBody)
    {
        using var body = new MemoryStream();
        writeBody(body);
        var length = (uint)(12 + body.Length);
        using var block = new MemoryStream();
        WriteUInt32(block, type);
        WriteUInt32(block, length);
        body.WriteTo(block);
        WriteUInt32(block, length);
        block.WriteTo(stream);
    }

    private static void WriteOption(MemoryStream body, ushort code, byte[] value)
    {
        WriteUInt16(body, code);
        WriteUInt16(body, (ushort)value.Length);
        body.Write(value);
        Pad(body);
    }

    private static void Pad(MemoryStream body)
    {
        while (body.Length % 4 != 0)
        {
            body.WriteByte(0);
        }
    }

    private static void WriteUInt16(Stream s, ushort value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, value);
        s.Write(b);
    }

    private static void WriteUInt32(Stream s, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        s.Write(b);
    }

    private static void WriteUInt64(Stream s, ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, value);
        s.Write(b);
    }
}

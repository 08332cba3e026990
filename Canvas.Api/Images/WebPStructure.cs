using System.Buffers.Binary;

namespace Canvas.Api.Images;

/// <summary>
/// WebP: a RIFF container whose size field must match the file, holding chunks (fourcc, size, data
/// padded to even) that must fill it exactly. The first chunk is VP8 (lossy), VP8L (lossless) or
/// VP8X (extended, with the canvas size); it gives the dimensions.
/// </summary>
internal sealed class WebPStructure : ImageStructure
{
    private Phase _phase = Phase.Riff;
    private long _end;
    private long _position;
    private uint _chunkSize;
    private long _remaining;
    private string _chunk = "";
    private bool _sawImageChunk;

    public WebPStructure() : base(ImageFormat.WebP) => Need(12);

    private enum Phase
    {
        Riff,
        ChunkHeader,
        FirstChunkData,
    }

    protected override void OnField(ReadOnlySpan<byte> field)
    {
        switch (_phase)
        {
            case Phase.Riff:
                _end = 8L + BinaryPrimitives.ReadUInt32LittleEndian(field[4..]);
                _position = 12;
                NextChunk();
                break;
            case Phase.ChunkHeader:
                _chunk = System.Text.Encoding.ASCII.GetString(field[..4]);
                _chunkSize = BinaryPrimitives.ReadUInt32LittleEndian(field[4..]);
                _position += 8;
                var padded = _chunkSize + (_chunkSize & 1);
                if (_position + padded > _end)
                {
                    Fail($"The WebP chunk '{_chunk}' runs past the RIFF size the file declares.");
                    return;
                }
                _sawImageChunk |= _chunk is "VP8 " or "VP8L" or "ANMF"; // ANMF: a frame of an animation
                var read = Header is null ? DimensionBytes(_chunk) : 0;
                if (read > 0 && _chunkSize >= read)
                {
                    _phase = Phase.FirstChunkData;
                    _remaining = padded - read;
                    _position += padded;
                    Need(read);
                    return;
                }
                if (Header is null)
                {
                    Fail($"The WebP starts with a '{_chunk}' chunk, not VP8, VP8L or VP8X.");
                    return;
                }
                _position += padded;
                Skip(padded);
                NextChunk();
                break;
            case Phase.FirstChunkData:
                ReadDimensions(field);
                Skip(_remaining);
                NextChunk();
                break;
        }
    }

    private void NextChunk()
    {
        if (_position == _end)
        {
            End();
            return;
        }
        _phase = Phase.ChunkHeader;
        Need(8);
    }

    private static int DimensionBytes(string chunk) => chunk switch
    {
        "VP8 " => 10,
        "VP8L" => 5,
        "VP8X" => 10,
        _ => 0,
    };

    private void ReadDimensions(ReadOnlySpan<byte> data)
    {
        switch (_chunk)
        {
            case "VP8 " when data[3] == 0x9D && data[4] == 0x01 && data[5] == 0x2A:
                Found(BinaryPrimitives.ReadUInt16LittleEndian(data[6..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(data[8..]) & 0x3FFF);
                break;
            case "VP8L" when data[0] == 0x2F:
                var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[1..]);
                Found((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
                break;
            case "VP8X":
                Found(ReadUInt24(data[4..]) + 1, ReadUInt24(data[7..]) + 1);
                break;
            default:
                Fail($"The WebP '{_chunk}' chunk does not start like one.");
                break;
        }
    }

    // Ended means the chunks filled the declared RIFF size exactly; a longer file is not one WebP image.
    protected override bool IsComplete() => Ended && Length == _end && _sawImageChunk;

    protected override string MissingPart() => (Ended, _sawImageChunk) switch
    {
        (true, false) => "it has no image data (VP8 or VP8L chunk)",
        (true, true) => $"it is {Length} bytes but its RIFF size says {_end}",
        _ => $"its RIFF size says {_end} bytes but it ends at {Length}",
    };

    private static int ReadUInt24(ReadOnlySpan<byte> bytes) => bytes[0] | (bytes[1] << 8) | (bytes[2] << 16);
}

using System.Buffers.Binary;

namespace Canvas.Api.Images;

/// <summary>
/// PNG: the signature, then chunks (length, type, data, CRC). IHDR must come first (it holds the
/// dimensions), at least one IDAT must follow, and IEND ends the image. CRCs are not checked: the
/// worker's decoder does that, and a bad one costs it nothing.
/// </summary>
internal sealed class PngStructure : ImageStructure
{
    private Phase _phase = Phase.Signature;
    private bool _sawHeader;
    private bool _sawData;

    public PngStructure() : base(ImageFormat.Png) => Need(8);

    private enum Phase
    {
        Signature,
        ChunkHeader,
        ImageHeader,
        EndCrc,
    }

    protected override void OnField(ReadOnlySpan<byte> field)
    {
        switch (_phase)
        {
            case Phase.Signature:
                _phase = Phase.ChunkHeader;
                Need(8);
                break;
            case Phase.ChunkHeader:
                OnChunk(BinaryPrimitives.ReadUInt32BigEndian(field), field[4..8]);
                break;
            case Phase.ImageHeader:
                Found(ToInt(BinaryPrimitives.ReadUInt32BigEndian(field)), ToInt(BinaryPrimitives.ReadUInt32BigEndian(field[4..])));
                _phase = Phase.ChunkHeader;
                Skip(13 - 8 + 4); // the rest of IHDR and its CRC
                Need(8);
                break;
            case Phase.EndCrc:
                End();
                break;
        }
    }

    private void OnChunk(uint length, ReadOnlySpan<byte> type)
    {
        if (length > int.MaxValue)
        {
            Fail("A PNG chunk declares a length above 2^31 - 1.");
            return;
        }
        if (!_sawHeader)
        {
            if (!type.SequenceEqual("IHDR"u8) || length != 13)
            {
                Fail("The PNG does not start with its IHDR chunk.");
                return;
            }
            _sawHeader = true;
            _phase = Phase.ImageHeader;
            Need(8);
            return;
        }
        if (type.SequenceEqual("IEND"u8))
        {
            if (!_sawData)
            {
                Fail("The PNG ends (IEND) without any image data (IDAT).");
                return;
            }
            _phase = Phase.EndCrc;
            Skip(length);
            Need(4);
            return;
        }
        _sawData |= type.SequenceEqual("IDAT"u8);
        Skip(length + 4L);
        Need(8);
    }

    protected override bool IsComplete() => Ended;

    protected override string MissingPart() => _sawData ? "it has no IEND chunk" : "it has no image data (IDAT) and no IEND chunk";

    private static int ToInt(uint value) => value > int.MaxValue ? 0 : (int)value;
}

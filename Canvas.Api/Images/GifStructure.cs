using System.Buffers.Binary;

namespace Canvas.Api.Images;

/// <summary>
/// GIF: the signature and logical screen descriptor (the dimensions), an optional global colour
/// table, then blocks: extensions and images, each made of length-prefixed sub-blocks, until the
/// trailer (3B). At least one image must come before it.
/// </summary>
internal sealed class GifStructure : ImageStructure
{
    private Phase _phase = Phase.Screen;
    private Phase _afterSubBlocks;
    private bool _sawImage;

    public GifStructure() : base(ImageFormat.Gif) => Need(13);

    private enum Phase
    {
        Screen,
        Block,
        ExtensionLabel,
        ImageDescriptor,
        CodeSize,
        SubBlockSize,
    }

    protected override void OnField(ReadOnlySpan<byte> field)
    {
        switch (_phase)
        {
            case Phase.Screen:
                Found(BinaryPrimitives.ReadUInt16LittleEndian(field[6..]), BinaryPrimitives.ReadUInt16LittleEndian(field[8..]));
                SkipColourTable(field[10]);
                Next(Phase.Block, 1);
                break;
            case Phase.Block:
                switch (field[0])
                {
                    case 0x21:
                        Next(Phase.ExtensionLabel, 1);
                        break;
                    case 0x2C:
                        Next(Phase.ImageDescriptor, 9);
                        break;
                    case 0x3B when _sawImage:
                        End();
                        break;
                    case 0x3B:
                        Fail("The GIF ends (trailer) before any image.");
                        break;
                    default:
                        Fail($"The GIF has an unknown block 0x{field[0]:X2}.");
                        break;
                }
                break;
            case Phase.ExtensionLabel:
                _afterSubBlocks = Phase.Block;
                Next(Phase.SubBlockSize, 1);
                break;
            case Phase.ImageDescriptor:
                _sawImage = true;
                SkipColourTable(field[8]);
                Next(Phase.CodeSize, 1);
                break;
            case Phase.CodeSize:
                _afterSubBlocks = Phase.Block;
                Next(Phase.SubBlockSize, 1);
                break;
            case Phase.SubBlockSize when field[0] == 0:
                Next(_afterSubBlocks, 1);
                break;
            case Phase.SubBlockSize:
                Skip(field[0]);
                Need(1);
                break;
        }
    }

    private void SkipColourTable(byte flags)
    {
        if ((flags & 0x80) != 0)
        {
            Skip(3 * (1 << ((flags & 0x07) + 1)));
        }
    }

    private void Next(Phase phase, int fieldLength)
    {
        _phase = phase;
        Need(fieldLength);
    }

    protected override bool IsComplete() => Ended;

    protected override string MissingPart() => _sawImage ? "it does not end with the GIF trailer" : "it has no image";
}

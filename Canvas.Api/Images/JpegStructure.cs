using System.Buffers.Binary;

namespace Canvas.Api.Images;

/// <summary>
/// JPEG: SOI, then marker segments, skipped by their length fields (EXIF and ICC segments come first
/// and may be large). A start-of-frame holds the dimensions and must precede the first start-of-scan;
/// scan data runs to the next marker that is not a stuffed 00 or a restart, and EOI ends the image.
/// Runs of FF fill bytes, allowed before any marker, are passed over in bulk. Bytes after EOI (phones
/// append a second picture or a video there) are kept but not looked at.
/// </summary>
internal sealed class JpegStructure : ImageStructure
{
    private Phase _phase = Phase.StartOfImage;
    private bool _inScan;
    private bool _sawFrame;
    private bool _sawScan;
    private byte _marker;
    private int _segmentLeft;

    public JpegStructure() : base(ImageFormat.Jpeg) => Need(2);

    private enum Phase
    {
        StartOfImage,
        MarkerPrefix,
        MarkerCode,
        SegmentLength,
        FrameHeader,
        ScanData,
    }

    protected override void OnField(ReadOnlySpan<byte> field)
    {
        switch (_phase)
        {
            case Phase.StartOfImage:
                _phase = Phase.MarkerPrefix;
                break;
            case Phase.SegmentLength:
                OnSegment(BinaryPrimitives.ReadUInt16BigEndian(field) - 2);
                break;
            case Phase.FrameHeader:
                // precision(1) height(2) width(2)
                Found(BinaryPrimitives.ReadUInt16BigEndian(field[3..]), BinaryPrimitives.ReadUInt16BigEndian(field[1..]));
                _sawFrame = true;
                _phase = Phase.MarkerPrefix;
                Skip(_segmentLeft - 5);
                break;
        }
    }

    protected override int Scan(ReadOnlySpan<byte> bytes)
    {
        switch (_phase)
        {
            case Phase.MarkerPrefix:
                if (bytes[0] != 0xFF)
                {
                    Fail("A JPEG marker segment is followed by bytes that are not a marker.");
                    return bytes.Length;
                }
                _phase = Phase.MarkerCode;
                return 1;
            case Phase.MarkerCode:
                // Any number of FF fill bytes may precede a marker code.
                var code = bytes.IndexOfAnyExcept((byte)0xFF);
                if (code < 0)
                {
                    return bytes.Length;
                }
                OnMarker(bytes[code]);
                return code + 1;
            default: // ScanData: entropy-coded bytes up to the next FF
                var prefix = bytes.IndexOf((byte)0xFF);
                if (prefix < 0)
                {
                    return bytes.Length;
                }
                _phase = Phase.MarkerCode;
                return prefix + 1;
        }
    }

    private void OnMarker(byte marker)
    {
        if (_inScan && marker is 0x00 or (>= 0xD0 and <= 0xD7))
        {
            _phase = Phase.ScanData; // a stuffed FF or a restart marker: still scan data
            return;
        }
        _inScan = false;
        switch (marker)
        {
            case 0x01 or (>= 0xD0 and <= 0xD7):
                _phase = Phase.MarkerPrefix; // stand-alone markers carry no length
                return;
            case 0xD9:
                if (!_sawScan)
                {
                    Fail("The JPEG ends (EOI) before any scan (SOS).");
                    return;
                }
                End();
                return;
            case 0x00 or 0xD8:
                Fail($"The JPEG has a misplaced marker FF{marker:X2}.");
                return;
        }
        _marker = marker;
        _phase = Phase.SegmentLength;
        Need(2);
    }

    private void OnSegment(int length)
    {
        if (length < 0)
        {
            Fail($"The JPEG segment FF{_marker:X2} declares a length below 2.");
            return;
        }
        if (IsStartOfFrame(_marker) && !_sawFrame)
        {
            if (length < 5)
            {
                Fail("The JPEG frame header is too short to hold its dimensions.");
                return;
            }
            _segmentLeft = length;
            _phase = Phase.FrameHeader;
            Need(5);
            return;
        }
        if (_marker == 0xDA)
        {
            if (!_sawFrame)
            {
                Fail("The JPEG has a scan (SOS) before its frame header (SOF).");
                return;
            }
            _sawScan = _inScan = true;
            _phase = Phase.ScanData;
        }
        else
        {
            _phase = Phase.MarkerPrefix;
        }
        Skip(length);
    }

    protected override bool IsComplete() => Ended;

    protected override string MissingPart() => (_sawFrame, _sawScan) switch
    {
        (false, _) => "it has no frame header (SOF)",
        (true, false) => "it has no scan (SOS)",
        _ => "it does not end with EOI",
    };

    // SOF0–SOF15 share C0–CF with DHT (C4), JPG (C8) and DAC (CC), which are not frame headers.
    private static bool IsStartOfFrame(byte marker) => marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
}

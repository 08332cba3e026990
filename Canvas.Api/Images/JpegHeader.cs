using System.Buffers.Binary;

namespace Canvas.Api.Images;

/// <summary>
/// Walks JPEG marker segments up to the first start-of-frame, which holds the dimensions. EXIF and
/// ICC segments come first and may be large, so the walk skips segments by their length fields.
/// </summary>
internal static class JpegHeader
{
    public static (int Width, int Height)? ReadSize(ReadOnlySpan<byte> bytes)
    {
        var position = 2; // after SOI (FF D8)
        while (position < bytes.Length)
        {
            if (bytes[position] != 0xFF)
            {
                return null;
            }
            // Any number of FF fill bytes may precede a marker.
            while (position < bytes.Length && bytes[position] == 0xFF)
            {
                position++;
            }
            if (position >= bytes.Length)
            {
                return null;
            }
            var marker = bytes[position++];
            if (marker is 0x01 or (>= 0xD0 and <= 0xD8))
            {
                continue; // stand-alone markers carry no length
            }
            if (marker is 0xD9 or 0xDA || position + 2 > bytes.Length)
            {
                return null; // end of image or scan data before any frame header
            }
            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[position..]);
            if (length < 2)
            {
                return null;
            }
            if (IsStartOfFrame(marker))
            {
                // length(2) precision(1) height(2) width(2)
                return position + 7 <= bytes.Length
                    ? (BinaryPrimitives.ReadUInt16BigEndian(bytes[(position + 5)..]), BinaryPrimitives.ReadUInt16BigEndian(bytes[(position + 3)..]))
                    : null;
            }
            position += length;
        }
        return null;
    }

    // SOF0–SOF15 share C0–CF with DHT (C4), JPG (C8) and DAC (CC), which are not frame headers.
    private static bool IsStartOfFrame(byte marker) => marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
}

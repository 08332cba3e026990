using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Canvas.Api.Infrastructure;

/// <summary>A page of a newest-first listing; pass <see cref="ContinuationToken"/> back for the next one.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? ContinuationToken);

/// <summary>
/// Keyset position after the last item of a page: (created_at, id) of that item. Listings seek past
/// it rather than counting an offset, so inserts between two requests neither repeat nor skip items.
/// </summary>
internal readonly record struct PageCursor(DateTime CreatedAt, string Id)
{
    /// <summary>Ids this API issues are uuids or orchestrator task ids: short, printable ASCII.</summary>
    public const int MaxIdLength = 128;

    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
        $"{(CreatedAt.Ticks - DateTime.UnixEpoch.Ticks) / 10}:{Id}"));

    public static bool TryDecode(string token, out PageCursor cursor)
    {
        cursor = default;
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            var separator = text.IndexOf(':', StringComparison.Ordinal);
            if (separator <= 0 || separator == text.Length - 1 ||
                !long.TryParse(text.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var micros) ||
                micros > (DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks) / 10)
            {
                return false;
            }
            // The id reaches PostgreSQL as text, which cannot hold NUL: anything but an id we could have issued is refused here.
            var id = text[(separator + 1)..];
            if (id.Length > MaxIdLength || !id.All(character => character is > ' ' and <= '~'))
            {
                return false;
            }
            cursor = new PageCursor(new DateTime(DateTime.UnixEpoch.Ticks + micros * 10, DateTimeKind.Utc), id);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

/// <summary>The validated paging query of a listing: <c>limit</c> (1–100) and <c>continuationToken</c>.</summary>
internal readonly record struct PageRequest(int Limit, PageCursor? After)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static bool TryCreate(int? limit, string? continuationToken, out PageRequest page, out Dictionary<string, string[]> errors)
    {
        errors = [];
        page = default;
        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        }
        PageCursor? after = null;
        if (!string.IsNullOrEmpty(continuationToken))
        {
            if (continuationToken.Length > 512 || !PageCursor.TryDecode(continuationToken, out var cursor))
            {
                errors["continuationToken"] = ["continuationToken is not one this API issued."];
            }
            else
            {
                after = cursor;
            }
        }
        if (errors.Count > 0)
        {
            return false;
        }
        page = new PageRequest(limit ?? DefaultLimit, after);
        return true;
    }

    /// <summary>Stores fetch one row more than asked: its presence says another page exists.</summary>
    public Page<T> ToPage<T>(List<(T Item, PageCursor Cursor)> rows) => rows.Count > Limit
        ? new Page<T>([.. rows.Take(Limit).Select(row => row.Item)], rows[Limit - 1].Cursor.Encode())
        : new Page<T>([.. rows.Select(row => row.Item)], null);
}

namespace Canvas.Api;

/// <summary>
/// Characters that reorder the text around them (overrides, embeddings, isolates, marks). In a title
/// or a file name they make what is shown differ from what was stored ("evil\u202Egnp.exe" reads as
/// "evilexe.png"), so user text that is shown to people must not carry them.
/// </summary>
internal static class BidiControls
{
    public static bool Is(char character) => character is
        '\u061C' // ARABIC LETTER MARK
        or '\u200E' or '\u200F' // LEFT-TO-RIGHT / RIGHT-TO-LEFT MARK
        or (>= '\u202A' and <= '\u202E') // embeddings and overrides
        or (>= '\u2066' and <= '\u2069'); // isolates
}

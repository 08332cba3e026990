namespace Canvas.Api.Tests.Infrastructure;

/// <summary>
/// Waits for what the server does after a client has gone (it cannot be told the outcome), checking
/// a condition until it holds. The generous bound only catches a server that never gets there.
/// </summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Never happened: {what}");
            await Task.Delay(50);
        }
    }
}

using System.Net.ServerSentEvents;
using System.Text;

namespace EksOps.Mcp.Protocol;

/// <summary>Reads the SSE body the SDK's Streamable HTTP transport wrote for one request.</summary>
internal static class SseFraming
{
    /// <summary>
    /// The data of the last event: the JSON-RPC response that ends the stream. Notifications sent before it are
    /// dropped when the client gets plain JSON, which can carry one message only.
    /// </summary>
    public static string? FinalMessage(byte[] sse)
    {
        string? last = null;
        using var stream = new MemoryStream(sse, writable: false);
        foreach (var item in SseParser.Create(stream).Enumerate())
        {
            if (!string.IsNullOrWhiteSpace(item.Data))
            {
                last = item.Data;
            }
        }

        return last;
    }

    public static string Text(byte[] sse) => Encoding.UTF8.GetString(sse);
}

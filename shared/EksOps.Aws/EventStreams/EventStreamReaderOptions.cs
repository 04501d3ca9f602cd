namespace EksOps.Aws.EventStreams;

/// <summary>
/// Size limits for decoding. A prelude that announces more is rejected before anything is allocated for it.
/// The defaults are botocore's and the AWS SDK for Go's (128 KiB of headers, 16 MiB of payload); Smithy lets a service
/// send up to 24 MiB of payload, so raise <see cref="MaxPayloadLength"/> for a service that does.
/// </summary>
public sealed class EventStreamReaderOptions
{
    /// <summary>The default options.</summary>
    public static EventStreamReaderOptions Default { get; } = new();

    /// <summary>The largest accepted <c>headers_length</c>. Default 131,072 (128 KiB).</summary>
    public int MaxHeadersLength { get; init; } = 128 * 1024;

    /// <summary>The largest accepted payload. Default 16,777,216 (16 MiB).</summary>
    public int MaxPayloadLength { get; init; } = 16 * 1024 * 1024;
}

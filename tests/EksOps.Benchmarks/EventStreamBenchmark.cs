using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using EksOps.Aws;
using EksOps.Aws.BedrockAgentRuntime;
using EksOps.Aws.EventStreams;
using EksOps.Aws.Http;
using SdkHeader = Amazon.Runtime.EventStreams.EventStreamHeader;
using SdkMessage = Amazon.Runtime.EventStreams.EventStreamMessage;

namespace EksOps.Benchmarks;

/// <summary>
/// <c>eventstream</c> mode: event-stream decode throughput (MB/s) and the cost of a signed request through the
/// pipeline (µs), all in memory so that the network does not hide either. It measures; it asserts nothing.
/// </summary>
internal static class EventStreamBenchmark
{
    private const int Batches = 7;

    public static async Task<int> RunAsync(string[] args)
    {
        var megabytes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 64;
        var corpus = Corpus(megabytes * 1024 * 1024, out var frames);
        Console.WriteLine($"event-stream corpus: {frames:N0} Bedrock-shaped messages (traces ~1.6 KB, chunks ~4 KB, a return-control every 50), {corpus.Length / 1024.0 / 1024.0:0.0} MB; {Batches} batches, median");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");

        var table = new Table(["measure", "median", "best"]);
        await Throughput(table, "EventStreamReader, whole buffer in one stream", corpus, async () => await CountFrames(new MemoryStream(corpus, writable: false)));
        await Throughput(table, "EventStreamReader, 16 KiB reads (network-like)", corpus, async () => await CountFrames(new PiecewiseStream(corpus, 16 * 1024)));
        await Throughput(table, "AWSSDK.Core EventStreamDecoder, 16 KiB reads (for comparison)", corpus, () => Task.FromResult(SdkDecodeAll(corpus, 16 * 1024)));
        await Throughput(table, "InvokeAgent typed events through the client (in-memory transport)", corpus, () => TypedEvents(corpus));

        await PerRequest(table, "HttpClient POST 1 KB, unsigned, stub transport (baseline)", Unsigned);
        await PerRequest(table, "AwsHttpPipeline.SendAsync POST 1 KB, SigV4-signed, stub transport", Signed);
        await PerRequest(table, "InvokeAgentAsync + read 1 chunk, signed, stub transport", InvokeAgentOnce);

        Console.WriteLine();
        Console.WriteLine(table);
        return 0;
    }

    private static async Task Throughput(Table table, string name, byte[] corpus, Func<Task<int>> decode)
    {
        await decode(); // warm-up (JIT, buffers)
        var rates = new List<double>();
        for (var batch = 0; batch < Batches; batch++)
        {
            var watch = Stopwatch.StartNew();
            await decode();
            rates.Add(corpus.Length / 1024.0 / 1024.0 / watch.Elapsed.TotalSeconds);
        }

        table.Add(name, Rate(Stats.Median(rates)), Rate(rates.Max()));
    }

    private static async Task PerRequest(Table table, string name, Func<int, Task> run)
    {
        const int Requests = 20_000;
        await run(2_000); // warm-up
        var costs = new List<double>();
        for (var batch = 0; batch < Batches; batch++)
        {
            var watch = Stopwatch.StartNew();
            await run(Requests);
            costs.Add(watch.Elapsed.TotalMicroseconds / Requests);
        }

        table.Add(name, Micro(Stats.Median(costs)), Micro(costs.Min()));
    }

    private static async Task<int> CountFrames(Stream stream)
    {
        var count = 0;
        await using var reader = new EventStreamReader(stream);
        while (await reader.ReadAsync() is not null)
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// AWSSDK.Core's incremental decoder, fed the same 16 KiB pieces. (Its <c>EventStreamMessage.FromBuffer</c> cannot
    /// walk one buffer: at a non-zero offset it skips the headers, since its header loop compares an absolute offset.)
    /// </summary>
    private static int SdkDecodeAll(byte[] corpus, int piece)
    {
        var count = 0;
        var decoder = new Amazon.Runtime.EventStreams.Internal.EventStreamDecoder();
        decoder.MessageReceived += (_, _) => count++;
        var buffer = new byte[piece];
        for (var offset = 0; offset < corpus.Length; offset += piece)
        {
            var length = Math.Min(piece, corpus.Length - offset);
            Buffer.BlockCopy(corpus, offset, buffer, 0, length);
            decoder.ProcessData(buffer, 0, length);
        }

        return count;
    }

    private static readonly byte[] RequestBody = Encoding.UTF8.GetBytes(new JsonObject { ["inputText"] = new string('x', 1000) }.ToJsonString());
    private static readonly Uri StubUri = new("http://stub.invalid/agents/A/agentAliases/B/sessions/s/text");

    private static async Task Unsigned(int requests)
    {
        using var client = new HttpClient(new StubHandler(_ => []));
        for (var i = 0; i < requests; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, StubUri) { Content = new ByteArrayContent(RequestBody) };
            using var response = await client.SendAsync(request);
        }
    }

    private static async Task Signed(int requests)
    {
        using var pipeline = Pipeline(_ => []);
        var operation = new AwsOperation(BedrockAgentRuntimeClient.EndpointPrefix, BedrockAgentRuntimeClient.SigningName, "InvokeAgent");
        for (var i = 0; i < requests; i++)
        {
            await pipeline.SendAsync(operation, endpoint => new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, "agents/A/agentAliases/B/sessions/s/text")) { Content = new ByteArrayContent(RequestBody) }, CancellationToken.None);
        }
    }

    private static readonly byte[] OneChunk = Encode("chunk", """{"bytes":"T09NS2lsbGVkOiByYWlzZSB0aGUgbGltaXQu"}""");

    private static async Task InvokeAgentOnce(int requests)
    {
        using var pipeline = Pipeline(_ => OneChunk);
        var client = new BedrockAgentRuntimeClient(pipeline);
        var request = new InvokeAgentRequest { AgentId = "A", AgentAliasId = "B", SessionId = "user:42", InputText = new string('x', 1000), EnableTrace = true };
        for (var i = 0; i < requests; i++)
        {
            await using var response = await client.InvokeAgentAsync(request);
            await foreach (var _ in response)
            {
            }
        }
    }

    private static async Task<int> TypedEvents(byte[] corpus)
    {
        using var pipeline = Pipeline(_ => corpus);
        await using var response = await new BedrockAgentRuntimeClient(pipeline).InvokeAgentAsync(
            new InvokeAgentRequest { AgentId = "A", AgentAliasId = "B", SessionId = "s", InputText = "hi" });
        var count = 0;
        await foreach (var _ in response)
        {
            count++;
        }

        return count;
    }

    private static AwsHttpPipeline Pipeline(Func<HttpRequestMessage, byte[]> body) => new(new AwsClientOptions
    {
        Region = "us-east-1",
        Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        GetEnvironmentVariable = name => name == AwsEnvironment.EndpointVariable ? "http://stub.invalid/" : null,
        TransportHandler = new StubHandler(body),
    });

    /// <summary>A mix like a traced InvokeAgent: mostly traces, some chunks, an occasional return-control.</summary>
    private static byte[] Corpus(int size, out int frames)
    {
        var trace = Encode("trace", new JsonObject
        {
            ["agentId"] = "AGENT12345", ["agentAliasId"] = "TSTALIASID", ["agentVersion"] = "DRAFT", ["sessionId"] = "incident-42", ["eventTime"] = "2026-01-01T12:00:00.123Z",
            ["trace"] = new JsonObject
            {
                ["orchestrationTrace"] = new JsonObject
                {
                    ["modelInvocationOutput"] = new JsonObject
                    {
                        ["traceId"] = "e3b1c2d4-0",
                        ["rawResponse"] = new JsonObject { ["content"] = new string('r', 1200) },
                        ["metadata"] = new JsonObject { ["usage"] = new JsonObject { ["inputTokens"] = 1234, ["outputTokens"] = 56 } },
                    },
                },
            },
        }.ToJsonString());
        var chunk = Encode("chunk", new JsonObject { ["bytes"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(new string('c', 3000))) }.ToJsonString());
        var control = Encode("returnControl", """{"invocationId":"79e0feaa-c6f7-49bf-814d-b7c498505172","invocationInputs":[{"functionInvocationInput":{"actionGroup":"k8s","function":"get_pod_logs","parameters":[{"name":"pod","type":"string","value":"checkout-0"}]}}]}""");
        var corpus = new MemoryStream(size + 8192);
        frames = 0;
        while (corpus.Length < size)
        {
            corpus.Write(frames % 50 == 49 ? control : frames % 3 == 2 ? chunk : trace);
            frames++;
        }

        return corpus.ToArray();
    }

    private static byte[] Encode(string eventType, string json)
    {
        var headers = new List<Amazon.Runtime.EventStreams.IEventStreamHeader>();
        foreach (var (name, value) in new[] { (":event-type", eventType), (":content-type", "application/json"), (":message-type", "event") })
        {
            var header = new SdkHeader(name);
            header.SetString(value);
            headers.Add(header);
        }

        return new SdkMessage(headers, Encoding.UTF8.GetBytes(json)).ToByteArray();
    }

    private static string Rate(double megabytesPerSecond) => megabytesPerSecond.ToString("0", CultureInfo.InvariantCulture) + " MB/s";

    private static string Micro(double microseconds) => microseconds.ToString("0.0", CultureInfo.InvariantCulture) + " µs/request";

    /// <summary>Answers every request with 200 and the given event-stream body, without a network.</summary>
    private sealed class StubHandler(Func<HttpRequestMessage, byte[]> body) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is not null)
            {
                await request.Content.CopyToAsync(Stream.Null, cancellationToken);
            }

            var content = new ByteArrayContent(body(request));
            content.Headers.TryAddWithoutValidation("Content-Type", "application/vnd.amazon.eventstream");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
        }
    }

    /// <summary>A read-only stream that returns at most a fixed number of bytes per read.</summary>
    private sealed class PiecewiseStream(byte[] data, int piece) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => data.Length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = Math.Min(Math.Min(piece, buffer.Length), data.Length - _position);
            data.AsSpan(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

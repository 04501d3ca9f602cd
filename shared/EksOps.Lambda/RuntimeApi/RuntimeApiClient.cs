using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace EksOps.Lambda.RuntimeApi;

/// <summary>The four Runtime API calls a custom runtime makes, over one kept-alive HTTP/1.1 connection.</summary>
internal sealed class RuntimeApiClient : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");
    private static readonly MediaTypeHeaderValue ErrorContentType = new(RuntimeApiHeaders.ErrorContentType);

    private static readonly long MaxUnixMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    private readonly HttpClient _http;
    private readonly string _baseAddress;

    public RuntimeApiClient(string address)
    {
        _baseAddress = $"http://{address}/2018-06-01/runtime/";
        _http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            // The client context and Cognito headers carry caller JSON; Lambda sends it as UTF-8, not Latin-1.
            ResponseHeaderEncodingSelector = static (_, _) => Encoding.UTF8,
            RequestHeaderEncodingSelector = static (_, _) => Encoding.UTF8,
        })
        {
            // Lambda freezes the process between invocations; a timeout on /next would fire on thaw.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("eksops-lambda-runtime/1.0");
    }

    public async Task<InvocationRequest> NextAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(_baseAddress + "invocation/next", HttpCompletionOption.ResponseContentRead, cancellationToken)
            .ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new RuntimeApiException("GET /next", response.StatusCode, Preview(body));
        }

        var requestId = Header(response, RuntimeApiHeaders.RequestId);
        if (string.IsNullOrEmpty(requestId))
        {
            throw new RuntimeApiException("GET /next", response.StatusCode, $"the response has no {RuntimeApiHeaders.RequestId} header");
        }

        // A deadline that is not a representable epoch-milliseconds value is treated as absent rather than trusted.
        long? deadline = long.TryParse(Header(response, RuntimeApiHeaders.DeadlineMs), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
                && ms > 0 && ms <= MaxUnixMilliseconds
            ? ms
            : null;
        return new InvocationRequest(
            requestId,
            deadline,
            Header(response, RuntimeApiHeaders.InvokedFunctionArn) ?? string.Empty,
            Header(response, RuntimeApiHeaders.TraceId) ?? string.Empty,
            Header(response, RuntimeApiHeaders.ClientContext),
            Header(response, RuntimeApiHeaders.CognitoIdentity),
            Header(response, RuntimeApiHeaders.TenantId) ?? string.Empty,
            body);
    }

    public Task PostResponseAsync(string requestId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        PostAsync($"invocation/{Uri.EscapeDataString(requestId)}/response", body, JsonContentType, errorType: null, cancellationToken);

    public Task PostErrorAsync(string requestId, ReadOnlyMemory<byte> errorDocument, string errorType, CancellationToken cancellationToken) =>
        PostAsync($"invocation/{Uri.EscapeDataString(requestId)}/error", errorDocument, ErrorContentType, errorType, cancellationToken);

    public Task PostInitErrorAsync(ReadOnlyMemory<byte> errorDocument, string errorType, CancellationToken cancellationToken) =>
        PostAsync("init/error", errorDocument, ErrorContentType, errorType, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task PostAsync(
        string path, ReadOnlyMemory<byte> body, MediaTypeHeaderValue contentType, string? errorType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _baseAddress + path)
        {
            Content = new ReadOnlyMemoryContent(body),
        };
        request.Content.Headers.ContentType = contentType;
        if (errorType is not null)
        {
            request.Headers.TryAddWithoutValidation(RuntimeApiHeaders.FunctionErrorType, errorType);
        }

        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            throw new RuntimeApiException("POST /" + path, response.StatusCode, Preview(answer));
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static string Preview(byte[] body) =>
        Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 1024));
}

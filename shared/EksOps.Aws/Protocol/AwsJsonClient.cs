using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EksOps.Aws.Http;

namespace EksOps.Aws.Protocol;

/// <summary>
/// Calls one AWS JSON 1.0/1.1 service through an <see cref="AwsHttpPipeline"/>. Bodies are (de)serialized only through
/// the <see cref="JsonTypeInfo{T}"/> the caller passes, i.e. a source-generated context: no reflection.
/// </summary>
public sealed class AwsJsonClient
{
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();
    /// <summary>Creates a client for <paramref name="service"/> on <paramref name="pipeline"/>.</summary>
    /// <param name="pipeline">The shared pipeline.</param>
    /// <param name="service">The service.</param>
    public AwsJsonClient(AwsHttpPipeline pipeline, AwsJsonService service)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(service);
        Pipeline = pipeline;
        Service = service;
    }

    /// <summary>The pipeline requests go through.</summary>
    public AwsHttpPipeline Pipeline { get; }

    /// <summary>The service.</summary>
    public AwsJsonService Service { get; }

    /// <summary>Calls <paramref name="operation"/> with a typed request and reads a typed response.</summary>
    /// <typeparam name="TRequest">The request shape.</typeparam>
    /// <typeparam name="TResponse">The response shape.</typeparam>
    /// <param name="operation">The operation, e.g. <c>GetMetricData</c>.</param>
    /// <param name="request">The request.</param>
    /// <param name="requestType">Source-generated metadata of the request.</param>
    /// <param name="responseType">Source-generated metadata of the response.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response; an empty body reads as <c>{}</c>.</returns>
    /// <exception cref="AwsServiceException">The service answered with an error.</exception>
    /// <exception cref="JsonException">A 2xx body was not the expected JSON.</exception>
    public async Task<TResponse> InvokeAsync<TRequest, TResponse>(
        string operation, TRequest request, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requestType);
        ArgumentNullException.ThrowIfNull(responseType);
        var body = JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        var response = await InvokeRawAsync(operation, body, cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize(response.Span.IsEmpty ? EmptyObject : response.Span, responseType)
                ?? throw new JsonException("the body is JSON null");
        }
        catch (JsonException ex)
        {
            throw new JsonException($"{Service.EndpointPrefix} {operation}: the response is not the expected JSON: {ex.Message}", ex);
        }
    }

    /// <summary>Calls <paramref name="operation"/> with a JSON body as given and returns the response body as received.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="jsonBody">The request body (UTF-8 JSON); empty sends <c>{}</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The 2xx response body.</returns>
    /// <exception cref="AwsServiceException">The service answered with an error.</exception>
    public async Task<ReadOnlyMemory<byte>> InvokeRawAsync(string operation, ReadOnlyMemory<byte> jsonBody, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        var body = jsonBody.IsEmpty ? EmptyObject : jsonBody;
        var target = Service.TargetPrefix + "." + operation;
        var response = await Pipeline.SendAsync(
            new AwsOperation(Service.EndpointPrefix, Service.SigningName, operation),
            endpoint =>
            {
                var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ReadOnlyMemoryContent(body) };
                message.Content.Headers.ContentType = new MediaTypeHeaderValue(Service.ContentType);
                message.Headers.TryAddWithoutValidation("X-Amz-Target", target);
                if (Service.QueryCompatible)
                {
                    message.Headers.TryAddWithoutValidation("x-amzn-query-mode", "true");
                }

                return message;
            },
            cancellationToken).ConfigureAwait(false);
        return response.Body;
    }
}

using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace EksOps.Tools.Readers.Tests.Eks;

/// <summary>
/// A loopback HTTPS stand-in for an EKS cluster's API server: it serves with the given certificate, accepts only
/// <c>Authorization: Bearer k8s-aws-v1.…</c> tokens the authenticator would replay to STS (presigned
/// GetCallerIdentity for the expected STS host, <c>x-k8s-aws-id</c> signed for this cluster, signed by a known key,
/// at most 15 minutes old by the test's clock), and serves <c>GET /api/v1/namespaces/{ns}/pods/{name}</c>.
/// Anything else is a Kubernetes <c>Status</c> saying why.
/// </summary>
internal sealed class FakeKubernetesApiServer : IAsyncDisposable
{
    private readonly LoopbackKestrel _kestrel;
    private readonly ConcurrentQueue<BearerToken> _accepted = new();
    private int _requests;

    private FakeKubernetesApiServer(LoopbackKestrel kestrel) => _kestrel = kestrel;

    public Uri Endpoint => _kestrel.Endpoint;

    /// <summary>The tokens requests were let in with, in order.</summary>
    public IReadOnlyList<BearerToken> AcceptedTokens => [.. _accepted];

    /// <summary>Requests that reached the handler, accepted or not.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <param name="certificate">The serving certificate.</param>
    /// <param name="clusterId">The cluster the tokens must name.</param>
    /// <param name="expectedSts">The STS endpoint the tokens must be presigned for.</param>
    /// <param name="secrets">The secret key of each access key id allowed to sign.</param>
    /// <param name="time">The clock token ages are measured by.</param>
    public static async Task<FakeKubernetesApiServer> StartAsync(
        X509Certificate2 certificate, string clusterId, Uri expectedSts, IReadOnlyDictionary<string, string> secrets, TimeProvider time)
    {
        FakeKubernetesApiServer? server = null;
        var kestrel = await LoopbackKestrel.StartAsync(context => server!.HandleAsync(context, clusterId, expectedSts, secrets, time), certificate);
        server = new FakeKubernetesApiServer(kestrel);
        return server;
    }

    public ValueTask DisposeAsync() => _kestrel.DisposeAsync();

    private async Task HandleAsync(HttpContext context, string clusterId, Uri expectedSts, IReadOnlyDictionary<string, string> secrets, TimeProvider time)
    {
        Interlocked.Increment(ref _requests);
        var token = BearerToken.FromHeader(context.Request.Headers.Authorization);
        var problem = token is null ? "no Bearer k8s-aws-v1 token"
            : !secrets.TryGetValue(token.AccessKeyId, out var secret) ? $"unknown access key {token.AccessKeyId}"
            : token.Problem(expectedSts, clusterId, secret, time.GetUtcNow());
        if (problem is not null)
        {
            await StatusAsync(context, 401, "Unauthorized", problem);
            return;
        }

        _accepted.Enqueue(token!);
        var path = context.Request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (context.Request.Method != "GET" || path is not ["api", "v1", "namespaces", var ns, "pods", var name])
        {
            await StatusAsync(context, 404, "NotFound", $"the server could not find {context.Request.Path}");
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["uid"] = "7d4c1b52-0000-4000-8000-000000000001" },
            ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "shop/checkout:1.4.2" }) },
            ["status"] = new JsonObject { ["phase"] = "Running" },
        }.ToJsonString());
    }

    private static Task StatusAsync(HttpContext context, int code, string reason, string message)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["code"] = code,
        }.ToJsonString());
    }
}

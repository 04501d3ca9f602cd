using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Web;
using Microsoft.AspNetCore.Http;

namespace EksOps.Tools.Readers.Tests.Eks;

/// <summary>
/// Loopback EKS and STS on one plain-HTTP endpoint, in their real wire formats: EKS <c>GET /clusters/{name}</c>
/// (REST-JSON, errors named by <c>x-amzn-ErrorType</c>) and STS <c>AssumeRole</c> (query protocol, XML). Every request
/// is recorded with its SigV4 <c>Authorization</c> header.
/// </summary>
internal sealed class FakeAws : IAsyncDisposable
{
    private readonly LoopbackKestrel _kestrel;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, string> _clusters = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<AwsRequest> _requests = new();
    private int _assumed;

    private FakeAws(LoopbackKestrel kestrel, TimeProvider time)
    {
        _kestrel = kestrel;
        _time = time;
    }

    public Uri Endpoint => _kestrel.Endpoint;

    public IReadOnlyList<AwsRequest> Requests => [.. _requests];

    /// <summary>When set, AssumeRole answers 403 AccessDenied.</summary>
    public bool DenyAssumeRole { get; set; }

    public static async Task<FakeAws> StartAsync(TimeProvider time)
    {
        FakeAws? aws = null;
        var kestrel = await LoopbackKestrel.StartAsync(context => aws!.HandleAsync(context));
        aws = new FakeAws(kestrel, time);
        return aws;
    }

    /// <summary>The access key id, secret and session token of the <paramref name="n"/>th AssumeRole answer.</summary>
    public static (string AccessKeyId, string Secret, string SessionToken) RoleCredentials(int n) =>
        (string.Create(CultureInfo.InvariantCulture, $"ASIAEKSOPSROLE{n:D4}"), $"role-secret-{n}", $"role-session-token-{n}");

    /// <summary>Makes DescribeCluster answer for <paramref name="name"/>; a null endpoint or CA is left out, as EKS does while creating.</summary>
    public void SetCluster(string name, Uri? endpoint, string? certificateAuthorityData, string status = "ACTIVE")
    {
        var cluster = new JsonObject
        {
            ["name"] = name,
            ["arn"] = $"arn:aws:eks:eu-west-1:111122223333:cluster/{name}",
            ["version"] = "1.32",
            ["status"] = status,
            ["certificateAuthority"] = certificateAuthorityData is null ? new JsonObject() : new JsonObject { ["data"] = certificateAuthorityData },
            ["platformVersion"] = "eks.7",
        };
        if (endpoint is not null)
        {
            cluster["endpoint"] = endpoint.GetLeftPart(UriPartial.Authority);
        }

        _clusters[name] = new JsonObject { ["cluster"] = cluster }.ToJsonString();
    }

    public int DescribeCalls(string name) => _requests.Count(r => r.Method == "GET" && r.Path == "/clusters/" + name);

    public ValueTask DisposeAsync() => _kestrel.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        var form = HttpUtility.ParseQueryString(body);
        var request = new AwsRequest(
            context.Request.Method,
            context.Request.Path.Value ?? string.Empty,
            context.Request.Headers.Authorization.ToString(),
            form.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => form[k]!));
        _requests.Enqueue(request);

        if (request.Method == "POST" && request.Form.GetValueOrDefault("Action") == "AssumeRole")
        {
            await AssumeRoleAsync(context, request);
        }
        else if (request.Method == "GET" && request.Path.StartsWith("/clusters/", StringComparison.Ordinal))
        {
            var name = Uri.UnescapeDataString(request.Path["/clusters/".Length..]);
            context.Response.ContentType = "application/json";
            if (_clusters.TryGetValue(name, out var json))
            {
                await context.Response.WriteAsync(json);
                return;
            }

            context.Response.StatusCode = 404;
            context.Response.Headers["x-amzn-ErrorType"] = "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.eks/";
            await context.Response.WriteAsync(new JsonObject { ["clusterName"] = name, ["message"] = $"No cluster found for name: {name}." }.ToJsonString());
        }
        else
        {
            context.Response.StatusCode = 400;
        }
    }

    private Task AssumeRoleAsync(HttpContext context, AwsRequest request)
    {
        context.Response.ContentType = "text/xml";
        if (DenyAssumeRole)
        {
            context.Response.StatusCode = 403;
            return context.Response.WriteAsync($"""
                <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::111122223333:user/eksops is not authorized to perform: sts:AssumeRole on resource: {request.Form["RoleArn"]}</Message></Error>
                  <RequestId>req-denied</RequestId>
                </ErrorResponse>
                """);
        }

        var n = Interlocked.Increment(ref _assumed);
        var (key, secret, token) = RoleCredentials(n);
        return context.Response.WriteAsync($"""
            <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <AssumeRoleResult>
                <Credentials>
                  <AccessKeyId>{key}</AccessKeyId>
                  <SecretAccessKey>{secret}</SecretAccessKey>
                  <SessionToken>{token}</SessionToken>
                  <Expiration>{_time.GetUtcNow().AddHours(1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}</Expiration>
                </Credentials>
                <AssumedRoleUser>
                  <AssumedRoleId>AROAEKSOPSROLE:{request.Form["RoleSessionName"]}</AssumedRoleId>
                  <Arn>arn:aws:sts::111122223333:assumed-role/eksops-reader/{request.Form["RoleSessionName"]}</Arn>
                </AssumedRoleUser>
              </AssumeRoleResult>
              <ResponseMetadata><RequestId>req-{n}</RequestId></ResponseMetadata>
            </AssumeRoleResponse>
            """);
    }
}

/// <summary>One request <see cref="FakeAws"/> received.</summary>
internal sealed record AwsRequest(string Method, string Path, string Authorization, IReadOnlyDictionary<string, string> Form);

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace EksOps.Simulation.Kubernetes;

/// <summary>
/// Answers every request of the simulated API server: authentication, routing, content negotiation and errors here;
/// discovery, reads, writes, logs and watches in the other parts.
/// </summary>
internal sealed partial class ApiHandler
{
    private const string PlainText = "text/plain; charset=utf-8";

    private readonly SimulatedCluster _cluster;
    private readonly KubernetesApiServerOptions _options;
    private readonly byte[] _token;
    private readonly Action<RecordedRequest> _recorded;
    private readonly CancellationToken _stopping;

    public ApiHandler(SimulatedCluster cluster, KubernetesApiServerOptions options, string token, Action<RecordedRequest> recorded, CancellationToken stopping)
    {
        _cluster = cluster;
        _options = options;
        _token = Encoding.UTF8.GetBytes(token);
        _recorded = recorded;
        _stopping = stopping;
    }

    private ResourceCatalog Catalog => _cluster.Catalog;

    private ObjectStore Store => _cluster.Store;

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var query = context.Request.QueryString.HasValue ? context.Request.QueryString.Value![1..] : "";
        try
        {
            if (!IsAuthorized(context.Request))
            {
                throw ApiErrors.Unauthorized();
            }

            await RouteAsync(context, path, query).ConfigureAwait(false);
        }
        catch (ApiException e) when (!context.Response.HasStarted)
        {
            await WriteJsonAsync(context, e.Code, e.Status).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested || _stopping.IsCancellationRequested)
        {
            // The client went away or the server is stopping.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            var error = ApiErrors.Internal(e.Message);
            await WriteJsonAsync(context, error.Code, error.Status).ConfigureAwait(false);
        }

        _recorded(new RecordedRequest(context.Request.Method, path, query, context.Response.StatusCode));
    }

    private bool IsAuthorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(presented, _token);
    }

    private Task RouteAsync(HttpContext context, string path, string query)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var isGet = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
        if (segments.Length == 0)
        {
            return isGet ? WriteJsonAsync(context, 200, RootPaths()) : NotAllowedAsync(context);
        }

        switch (segments[0])
        {
            case "version" when segments.Length == 1:
                return isGet ? WriteJsonAsync(context, 200, VersionInfo()) : NotAllowedAsync(context);
            case "healthz" or "livez" or "readyz" when segments.Length == 1:
                return WriteTextAsync(context, 200, "ok");
            case "api":
                if (segments.Length == 1)
                {
                    return isGet ? CoreVersionsAsync(context) : NotAllowedAsync(context);
                }

                if (segments[1] != "v1")
                {
                    break;
                }

                return segments.Length == 2
                    ? isGet ? WriteJsonAsync(context, 200, ResourceList("", "v1")) : NotAllowedAsync(context)
                    : ResourceAsync(context, "", "v1", segments[2..], path, query);
            case "apis":
                if (segments.Length == 1)
                {
                    return isGet ? GroupsAsync(context) : NotAllowedAsync(context);
                }

                var group = segments[1];
                var served = Catalog.Groups.FirstOrDefault(g => g.Group == group && group.Length > 0);
                if (served.Versions is null)
                {
                    break;
                }

                if (segments.Length == 2)
                {
                    return isGet ? WriteJsonAsync(context, 200, GroupDocument(group, served.Versions)) : NotAllowedAsync(context);
                }

                if (!served.Versions.Contains(segments[2]))
                {
                    break;
                }

                return segments.Length == 3
                    ? isGet ? WriteJsonAsync(context, 200, ResourceList(group, segments[2])) : NotAllowedAsync(context)
                    : ResourceAsync(context, group, segments[2], segments[3..], path, query);
        }

        return WriteTextAsync(context, 404, "404 page not found\n");
    }

    private Task ResourceAsync(HttpContext context, string group, string version, string[] rest, string path, string query)
    {
        var watchPath = false;
        if (rest[0] == "watch")
        {
            watchPath = true;
            rest = rest[1..];
            if (rest.Length == 0)
            {
                throw ApiErrors.NoSuchResource();
            }
        }

        string? ns = null;
        if (rest[0] == "namespaces" && rest.Length >= 3 && Catalog.Find(group, version, rest[2]) is { Namespaced: true })
        {
            ns = rest[1];
            rest = rest[2..];
        }

        var type = Catalog.Find(group, version, rest[0]) ?? throw ApiErrors.NoSuchResource();
        var name = rest.Length > 1 ? rest[1] : null;
        var subresource = rest.Length > 2 ? rest[2] : null;
        if (rest.Length > 3 || (ns is not null && !type.Namespaced) || (type.Namespaced && ns is null && name is not null)
            || (subresource is not null && !type.HasSubresource(subresource)) || (watchPath && subresource is not null))
        {
            throw ApiErrors.NoSuchResource();
        }

        var request = new ResourceRequest(type, ns, name, subresource, watchPath) { Path = path, Query = query };
        var method = context.Request.Method.ToUpperInvariant();
        if (type.Kind == "SelfSubjectAccessReview")
        {
            return method == "POST" && name is null ? ReviewAsync(context) : throw ApiErrors.MethodNotSupported(type, Verb(method, name is null));
        }

        return (method, name is null, subresource) switch
        {
            ("GET" or "HEAD", true, _) => ListAsync(context, request),
            ("GET" or "HEAD", false, null or "status") when watchPath => ListAsync(context, request),
            ("GET" or "HEAD", false, null or "status") => GetAsync(context, request),
            ("GET" or "HEAD", false, "log") => LogsAsync(context, request),
            ("GET" or "HEAD", false, "scale") => GetScaleAsync(context, request),
            ("PATCH", false, null or "status") => PatchAsync(context, request),
            ("PATCH", false, "scale") => PatchScaleAsync(context, request),
            ("PUT", false, null or "status") => ReplaceAsync(context, request),
            ("PUT", false, "scale") => ReplaceScaleAsync(context, request),
            ("DELETE", false, null) => DeleteAsync(context, request),
            ("POST", true, _) when type.Namespaced == (ns is not null) => CreateAsync(context, request),
            ("POST", false, "eviction") => EvictAsync(context, request),
            _ => throw ApiErrors.MethodNotSupported(type, Verb(method, name is null)),
        };
    }

    private static string Verb(string method, bool collection) => method switch
    {
        "GET" => collection ? "list" : "get",
        "POST" => "create",
        "PUT" => "update",
        "PATCH" => "patch",
        "DELETE" => collection ? "deletecollection" : "delete",
        _ => method.ToLowerInvariant(),
    };

    private static Task NotAllowedAsync(HttpContext context) => throw ApiErrors.MethodNotSupported(null, context.Request.Method);

    /// <summary>The object as served by <paramref name="type"/>'s group version (events converted, apiVersion set).</summary>
    private static JsonObject Served(ResourceType type, JsonObject stored)
    {
        if (type.IsEventsApi)
        {
            return EventConversion.ToEventsApi(stored, type.GroupVersion);
        }

        stored["apiVersion"] = type.GroupVersion;
        stored["kind"] ??= type.Kind;
        return stored;
    }

    /// <summary>A served object back in its stored form.</summary>
    private static JsonObject Stored(ResourceType type, JsonObject served, string storedApiVersion)
    {
        if (type.IsEventsApi)
        {
            return EventConversion.ToCore(served);
        }

        served["apiVersion"] = storedApiVersion;
        served["kind"] = type.Kind;
        return served;
    }

    private static string? Query(HttpContext context, string name)
    {
        var values = context.Request.Query[name];
        return StringValues.IsNullOrEmpty(values) ? null : values[^1];
    }

    private static bool QueryFlag(HttpContext context, string name) => Query(context, name) is "true" or "1" or "t" or "T" or "TRUE" or "True";

    private static long? QueryInt(HttpContext context, string name)
    {
        var text = Query(context, name);
        if (text is null)
        {
            return null;
        }

        return long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ApiErrors.BadRequest($"{name}: Invalid value: \"{text}\": must be an integer");
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonNode body, string contentType = MediaTypes.Json)
    {
        var bytes = body.ToUtf8();
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = bytes.Length + 1;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.WriteAsync("\n"u8.ToArray(), context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static async Task WriteTextAsync(HttpContext context, int status, string text, string contentType = PlainText)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static async Task<string> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static JsonNode? ParseJson(string body, string what)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            throw ApiErrors.BadRequest($"error decoding {what}: {e.Message}");
        }
    }

    private static JsonObject ParseObject(string body, string what) =>
        ParseJson(body, what) as JsonObject ?? throw ApiErrors.BadRequest($"error decoding {what}: the body is not a JSON object");
}

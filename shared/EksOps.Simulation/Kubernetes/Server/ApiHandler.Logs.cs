using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace EksOps.Simulation.Kubernetes;

/// <summary>Pod logs: <c>GET …/pods/{name}/log</c>.</summary>
internal sealed partial class ApiHandler
{
    private Task LogsAsync(HttpContext context, ResourceRequest request)
    {
        var pod = Store.Get(request.Type.StorageKey, request.Namespace, request.Name!) ?? throw ApiErrors.NotFound(request.Type, request.Name!);
        var errors = new List<FieldError>();
        var tail = QueryInt(context, "tailLines");
        var sinceSeconds = QueryInt(context, "sinceSeconds");
        var limitBytes = QueryInt(context, "limitBytes");
        DateTimeOffset? sinceTime = null;
        if (Query(context, "sinceTime") is { } sinceText)
        {
            sinceTime = DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
                ? parsed
                : throw ApiErrors.BadRequest($"parsing time \"{sinceText}\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"{sinceText}\"");
        }

        if (tail is < 0)
        {
            errors.Add(FieldError.Invalid("tailLines", tail.Value, "must be greater than or equal to 0"));
        }

        if (limitBytes is < 1)
        {
            errors.Add(FieldError.Invalid("limitBytes", limitBytes.Value, "must be greater than 0"));
        }

        if (sinceSeconds is not null && sinceTime is not null)
        {
            errors.Add(FieldError.Forbidden("", "at most one of `sinceTime` or `sinceSeconds` may be specified"));
        }
        else if (sinceSeconds is < 1)
        {
            errors.Add(FieldError.Invalid("sinceSeconds", sinceSeconds.Value, "must be greater than 0"));
        }

        if (errors.Count > 0)
        {
            throw ApiErrors.Invalid("PodLogOptions", "", request.Name!, errors);
        }

        var container = PodLogs.Container(pod, Query(context, "container"));
        var options = new PodLogs.Options(container, QueryFlag(context, "previous"), tail, sinceSeconds, sinceTime, QueryFlag(context, "timestamps"), limitBytes);
        var text = PodLogs.Read(pod, container, options, _cluster.Logs, _cluster.Now);
        return WriteTextAsync(context, 200, text, "text/plain");
    }
}

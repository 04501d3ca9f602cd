using System.Globalization;
using System.Text.Json.Nodes;

namespace EksOps.Simulation.Kubernetes;

/// <summary>The <c>Status</c> failures a Kubernetes API server answers with, field for field (<c>k8s.io/apimachinery/pkg/api/errors</c>).</summary>
internal static class ApiErrors
{
    /// <summary>A <c>Status</c> object: <c>kind, apiVersion, metadata, status, message, reason, details, code</c>, in the order the server writes them.</summary>
    public static JsonObject Status(string status, string? message, string? reason, JsonObject? details, int code)
    {
        var obj = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = status,
        };
        if (message is not null)
        {
            obj["message"] = message;
        }

        if (reason is not null)
        {
            obj["reason"] = reason;
        }

        if (details is not null)
        {
            obj["details"] = details;
        }

        obj["code"] = code;
        return obj;
    }

    public static ApiException Failure(int code, string reason, string message, JsonObject? details = null) =>
        new(code, Status("Failure", message, reason, details, code));

    public static ApiException Unauthorized() => Failure(401, "Unauthorized", "Unauthorized");

    public static ApiException BadRequest(string message) => Failure(400, "BadRequest", message);

    public static ApiException NotFound(ResourceType type, string name) =>
        Failure(404, "NotFound", $"{type.QualifiedResource} \"{name}\" not found", Details(name, type.Group, type.Name));

    /// <summary>The 404 for a path under a served group version that names no resource.</summary>
    public static ApiException NoSuchResource() =>
        Failure(404, "NotFound", "the server could not find the requested resource", new JsonObject());

    public static ApiException AlreadyExists(ResourceType type, string name) =>
        Failure(409, "AlreadyExists", $"{type.QualifiedResource} \"{name}\" already exists", Details(name, type.Group, type.Name));

    public static ApiException Conflict(ResourceType type, string name) =>
        Failure(409, "Conflict",
            $"Operation cannot be fulfilled on {type.QualifiedResource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            Details(name, type.Group, type.Name));

    public static ApiException MethodNotSupported(ResourceType? type, string action) =>
        Failure(405, "MethodNotAllowed",
            type is null ? "the server does not allow this method on the requested resource" : $"{action} is not supported on resources of kind \"{type.QualifiedResource}\"",
            type is null ? null : Details(null, type.Group, type.Name));

    public static ApiException UnsupportedMediaType(IEnumerable<string> accepted) =>
        Failure(415, "UnsupportedMediaType",
            $"the body of the request was in an unknown format - accepted media types include: {string.Join(", ", accepted)}",
            null);

    public static ApiException NotAcceptable() =>
        Failure(406, "NotAcceptable", "only the following media types are accepted: application/json, application/json;as=Table;v=v1;g=meta.k8s.io");

    /// <summary>A 422 for field errors (<c>NewInvalid</c>): <c>Deployment.apps "x" is invalid: spec.replicas: Invalid value: -1: …</c>.</summary>
    public static ApiException Invalid(string kind, string group, string name, IReadOnlyList<FieldError> errors)
    {
        var qualified = group.Length == 0 ? kind : kind + "." + group;
        var aggregate = errors.Count == 1 ? errors[0].ToString() : "[" + string.Join(", ", errors) + "]";
        var causes = new JsonArray();
        foreach (var error in errors)
        {
            causes.Append(new JsonObject { ["reason"] = error.Reason, ["message"] = error.Message, ["field"] = error.Field });
        }

        var details = Details(name, group, kind);
        details["causes"] = causes;
        return Failure(422, "Invalid", $"{qualified} \"{name}\" is invalid: {aggregate}", details);
    }

    /// <summary>What a JSON patch that does not apply answers (<c>NewGenericServerResponse(422, …)</c>).</summary>
    public static ApiException PatchNotApplicable() =>
        Failure(422, "Invalid", "the server rejected our request due to an error in our request", new JsonObject());

    public static ApiException TooManyRequests(string message, JsonObject details) => Failure(429, "TooManyRequests", message, details);

    public static ApiException Internal(string message) =>
        Failure(500, "InternalError", $"Internal error occurred: {message}", new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["message"] = message }) });

    public static JsonObject Details(string? name, string group, string kind)
    {
        var details = new JsonObject();
        if (!string.IsNullOrEmpty(name))
        {
            details["name"] = name;
        }

        if (group.Length > 0)
        {
            details["group"] = group;
        }

        details["kind"] = kind;
        return details;
    }

    /// <summary>Formats a value the way field errors print it: strings quoted, numbers bare.</summary>
    public static string Value(object? value) => value switch
    {
        null => "null",
        string text => "\"" + text + "\"",
        long or int => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}

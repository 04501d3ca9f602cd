namespace EksOps.Simulation.Kubernetes;

/// <summary>One field validation error, printed as <c>field: Invalid value: x: detail</c>.</summary>
internal sealed record FieldError(string Field, string Reason, string Message)
{
    public static FieldError Invalid(string field, object? value, string detail) =>
        new(field, "FieldValueInvalid", $"Invalid value: {ApiErrors.Value(value)}: {detail}");

    public static FieldError Forbidden(string field, string detail) => new(field, "FieldValueForbidden", $"Forbidden: {detail}");

    public static FieldError Required(string field, string detail) => new(field, "FieldValueRequired", $"Required value{(detail.Length > 0 ? ": " + detail : "")}");

    public override string ToString() => Field.Length == 0 ? Message : $"{Field}: {Message}";
}

namespace EksOps.Scenarios;

/// <summary>The Kubernetes object an incident is about (<c>expect.subject</c>).</summary>
public sealed record ExpectedSubject
{
    /// <summary>The object's kind (<c>kind:</c>), for example <c>Deployment</c> or <c>Node</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The namespace (<c>namespace:</c>); <see langword="null"/> for cluster-scoped objects such as nodes.</summary>
    public string? Namespace { get; init; }

    /// <summary>The object's name (<c>name:</c>).</summary>
    public required string Name { get; init; }
}

namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>A <c>files</c> event: files the agent produced (code interpreter).</summary>
public sealed class FilesEvent : InvokeAgentEvent
{
    internal FilesEvent(IReadOnlyList<OutputFile> files) => Files = files;

    /// <inheritdoc/>
    public override string EventType => "files";

    /// <summary>The files (up to 5).</summary>
    public IReadOnlyList<OutputFile> Files { get; }
}

namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>The payload of a <c>chunk</c> event (the model's <c>PayloadPart</c>).</summary>
internal sealed class PayloadPartWire
{
    public byte[]? Bytes { get; init; }

    public Attribution? Attribution { get; init; }
}

/// <summary>The payload of a <c>files</c> event (the model's <c>FilePart</c>).</summary>
internal sealed class FilePartWire
{
    public List<OutputFile>? Files { get; init; }
}

namespace EksOps.Tools;

/// <summary>One generated file: its path relative to the output folder (with <c>/</c>) and its content (LF line ends, final newline).</summary>
/// <param name="RelativePath">For example <c>bedrock/EksOpsRead.functions.json</c>.</param>
/// <param name="Content">The file's text.</param>
public sealed record ToolArtifact(string RelativePath, string Content);

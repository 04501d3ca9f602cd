namespace EksOps.Tools;

/// <summary>A definition and its body (exactly one of the two handlers).</summary>
internal sealed record ToolBinding(ToolDefinition Definition, IToolHandler? Read, IWriteToolHandler? Write);

namespace EksOps.Lambda.TestFunction;

internal sealed record EchoResponse(string Message, string FunctionName, int MemoryLimitInMB, string? Region, string? TraceEnvironmentVariable);

namespace EksOps.Lambda.TestFunction;

internal sealed record EchoRequest(string Message);

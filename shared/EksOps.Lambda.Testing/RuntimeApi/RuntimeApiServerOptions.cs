namespace EksOps.Lambda.Testing;

/// <summary>How a <see cref="RuntimeApiServer"/> behaves; the defaults are Lambda's.</summary>
public sealed class RuntimeApiServerOptions
{
    /// <summary>The largest response body <c>POST …/response</c> accepts; larger ones get 413 and fail the
    /// invocation with <c>Function.ResponseSizeTooLarge</c>. Default 6 MB (6,291,456 bytes).</summary>
    /// <remarks>The Runtime Interface Emulator allows 100 bytes more (<c>MaxPayloadSize</c>); this server holds to the documented limit.</remarks>
    public int MaxResponseBytes { get; init; } = 6 * 1024 * 1024;

    /// <summary>The ARN sent in <c>Lambda-Runtime-Invoked-Function-Arn</c> when an invocation names none.</summary>
    public string FunctionArn { get; init; } = "arn:aws:lambda:us-east-1:012345678912:function:test-function";

    /// <summary>The clock for deadlines, timeouts and recorded times; default the system clock (the runtime measures
    /// deadlines with its own clock, so keep both the same).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

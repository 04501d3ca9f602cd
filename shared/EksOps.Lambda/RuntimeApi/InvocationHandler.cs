namespace EksOps.Lambda.RuntimeApi;

/// <summary>A handler over raw bytes: the event in, the response body out.</summary>
internal delegate Task<byte[]> InvocationHandler(byte[] invocationEvent, ILambdaContext context);

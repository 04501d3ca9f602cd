using System.Text.Json.Serialization;

namespace EksOps.Lambda.TestFunction;

[JsonSerializable(typeof(EchoRequest))]
[JsonSerializable(typeof(EchoResponse))]
internal sealed partial class TestFunctionJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace EksOps.Aws.Tests.Support;

/// <summary>Source-generated JSON for the few ad-hoc shapes the tests write.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(string))]
internal sealed partial class StringMaps : JsonSerializerContext;

using System.Text.Json.Nodes;

namespace EksOps.Benchmarks.Sizing;

/// <summary>One <c>PutEvents</c> entry a function process sent.</summary>
/// <param name="EventId">The id the recorder answered with.</param>
/// <param name="Source">The entry's <c>Source</c>.</param>
/// <param name="DetailType">The entry's <c>DetailType</c>.</param>
/// <param name="EventBusName">The entry's <c>EventBusName</c>.</param>
/// <param name="Detail">The entry's <c>Detail</c>, parsed.</param>
internal sealed record RecordedEvent(string EventId, string Source, string DetailType, string? EventBusName, JsonObject Detail);

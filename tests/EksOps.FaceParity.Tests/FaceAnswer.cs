using System.Text.Json.Nodes;

namespace EksOps.FaceParity.Tests;

/// <summary>What a face answered: the tool's JSON out of the face's envelope, and the envelope itself.</summary>
/// <param name="Body">The tool result (or error) as the face carries it, parsed.</param>
/// <param name="Envelope">The face's whole answer, for face-specific assertions.</param>
internal sealed record FaceAnswer(JsonObject Body, JsonNode Envelope);

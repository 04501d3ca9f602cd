using System.Diagnostics.CodeAnalysis;

namespace EksOps.Aws.EventStreams;

/// <summary>The wire type byte of an event-stream header value (<c>application/vnd.amazon.eventstream</c>).</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The members name the wire types of the format.")]
public enum EventStreamValueType : byte
{
    /// <summary>Type 0: boolean true; no value bytes.</summary>
    BoolTrue = 0,

    /// <summary>Type 1: boolean false; no value bytes.</summary>
    BoolFalse = 1,

    /// <summary>Type 2: signed 8-bit integer.</summary>
    Byte = 2,

    /// <summary>Type 3: signed 16-bit integer, big-endian.</summary>
    Int16 = 3,

    /// <summary>Type 4: signed 32-bit integer, big-endian.</summary>
    Int32 = 4,

    /// <summary>Type 5: signed 64-bit integer, big-endian.</summary>
    Int64 = 5,

    /// <summary>Type 6: byte array with a 16-bit big-endian length prefix.</summary>
    ByteArray = 6,

    /// <summary>Type 7: UTF-8 string with a 16-bit big-endian length prefix.</summary>
    String = 7,

    /// <summary>Type 8: signed 64-bit milliseconds since the Unix epoch, big-endian.</summary>
    Timestamp = 8,

    /// <summary>Type 9: 16 raw UUID bytes.</summary>
    Uuid = 9,
}

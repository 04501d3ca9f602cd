using System.Globalization;
using System.Text;

namespace EksOps.Aws.EventStreams;

/// <summary>
/// One header of an event-stream message: a name and a typed value. Read the value with the accessor of its
/// <see cref="Type"/>; the others throw <see cref="InvalidOperationException"/>.
/// </summary>
public sealed class EventStreamFrameHeader
{
    private readonly long _scalar;
    private readonly byte[] _bytes;
    private readonly string? _text;

    private EventStreamFrameHeader(string name, EventStreamValueType type, long scalar, byte[] bytes, string? text)
    {
        Name = name;
        Type = type;
        _scalar = scalar;
        _bytes = bytes;
        _text = text;
    }

    /// <summary>The header name.</summary>
    public string Name { get; }

    /// <summary>The value's wire type.</summary>
    public EventStreamValueType Type { get; }

    /// <summary>
    /// The value's bytes as on the wire, for the variable-length and UUID types (byte array, the UTF-8 bytes of a
    /// string, the 16 UUID bytes); empty for the others.
    /// </summary>
    public ReadOnlyMemory<byte> RawValue => _bytes;

    /// <summary>The value of a <see cref="EventStreamValueType.BoolTrue"/> or <see cref="EventStreamValueType.BoolFalse"/> header.</summary>
    /// <returns>The boolean.</returns>
    public bool AsBoolean() => Type switch
    {
        EventStreamValueType.BoolTrue => true,
        EventStreamValueType.BoolFalse => false,
        _ => throw WrongType("boolean"),
    };

    /// <summary>The value of a <see cref="EventStreamValueType.Byte"/> header.</summary>
    /// <returns>The signed byte.</returns>
    public sbyte AsByte() => Type == EventStreamValueType.Byte ? (sbyte)_scalar : throw WrongType("byte");

    /// <summary>The value of an <see cref="EventStreamValueType.Int16"/> header.</summary>
    /// <returns>The integer.</returns>
    public short AsInt16() => Type == EventStreamValueType.Int16 ? (short)_scalar : throw WrongType("int16");

    /// <summary>The value of an <see cref="EventStreamValueType.Int32"/> header.</summary>
    /// <returns>The integer.</returns>
    public int AsInt32() => Type == EventStreamValueType.Int32 ? (int)_scalar : throw WrongType("int32");

    /// <summary>The value of an <see cref="EventStreamValueType.Int64"/> header.</summary>
    /// <returns>The integer.</returns>
    public long AsInt64() => Type == EventStreamValueType.Int64 ? _scalar : throw WrongType("int64");

    /// <summary>The value of a <see cref="EventStreamValueType.ByteArray"/> header.</summary>
    /// <returns>The bytes.</returns>
    public ReadOnlyMemory<byte> AsBytes() => Type == EventStreamValueType.ByteArray ? _bytes : throw WrongType("byte array");

    /// <summary>The value of a <see cref="EventStreamValueType.String"/> header.</summary>
    /// <returns>The string.</returns>
    public string AsString() => Type == EventStreamValueType.String ? _text! : throw WrongType("string");

    /// <summary>The value of a <see cref="EventStreamValueType.Timestamp"/> header, as sent: milliseconds since the Unix epoch.</summary>
    /// <returns>The milliseconds.</returns>
    public long AsTimestampMilliseconds() => Type == EventStreamValueType.Timestamp ? _scalar : throw WrongType("timestamp");

    /// <summary>The value of a <see cref="EventStreamValueType.Timestamp"/> header as a UTC time.</summary>
    /// <returns>The time.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The milliseconds lie outside the years 1–9999.</exception>
    public DateTimeOffset AsTimestamp() => DateTimeOffset.FromUnixTimeMilliseconds(AsTimestampMilliseconds());

    /// <summary>The value of a <see cref="EventStreamValueType.Uuid"/> header, its 16 bytes read in network (big-endian) order.</summary>
    /// <returns>The UUID.</returns>
    public Guid AsUuid() => Type == EventStreamValueType.Uuid ? new Guid(_bytes, bigEndian: true) : throw WrongType("uuid");

    /// <inheritdoc/>
    public override string ToString()
    {
        var value = Type switch
        {
            EventStreamValueType.BoolTrue => "true",
            EventStreamValueType.BoolFalse => "false",
            EventStreamValueType.String => _text,
            EventStreamValueType.ByteArray => Convert.ToBase64String(_bytes),
            EventStreamValueType.Uuid => AsUuid().ToString(),
            _ => _scalar.ToString(CultureInfo.InvariantCulture),
        };
        return $"{Name} ({Type}) = {value}";
    }

    internal static EventStreamFrameHeader Scalar(string name, EventStreamValueType type, long value) => new(name, type, value, [], null);

    internal static EventStreamFrameHeader Bytes(string name, EventStreamValueType type, byte[] value) => new(name, type, 0, value, null);

    internal static EventStreamFrameHeader String(string name, byte[] utf8, string value) => new(name, EventStreamValueType.String, 0, utf8, value);

    internal static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private InvalidOperationException WrongType(string wanted) =>
        new($"Event-stream header '{Name}' is of type {Type}, not {wanted}.");
}

namespace EksOps.StateMachine.Paths;

/// <summary>What one step of a <see cref="JsonPath"/> selects.</summary>
internal enum PathSegmentKind
{
    /// <summary>An object member: <c>.name</c> or <c>['name']</c>.</summary>
    Name,

    /// <summary>An array element: <c>[n]</c>; negative counts from the end.</summary>
    Index,

    /// <summary>Every member or element: <c>.*</c> or <c>[*]</c>.</summary>
    Wildcard,

    /// <summary>A range of elements: <c>[a:b]</c>.</summary>
    Slice,
}

/// <summary>One step of a <see cref="JsonPath"/>.</summary>
internal sealed record PathSegment(PathSegmentKind Kind, string? Name = null, int Index = 0, int? SliceStart = null, int? SliceEnd = null)
{
    /// <summary>The wildcard step.</summary>
    public static readonly PathSegment Wildcard = new(PathSegmentKind.Wildcard);

    /// <summary>A member step.</summary>
    public static PathSegment ForName(string name) => new(PathSegmentKind.Name, Name: name);

    /// <summary>An element step.</summary>
    public static PathSegment ForIndex(int index) => new(PathSegmentKind.Index, Index: index);

    /// <summary>A slice step.</summary>
    public static PathSegment ForSlice(int? start, int? end) => new(PathSegmentKind.Slice, SliceStart: start, SliceEnd: end);
}

namespace EksOps.Aws.CloudWatch;

// Wire shapes of ListTagsForResource (monitoring 2010-08-01, AWS JSON 1.0). Member names are the model's, including
// the upper-case ResourceARN.

internal sealed class ListTagsForResourceInput
{
    public required string ResourceARN { get; init; }
}

internal sealed class ListTagsForResourceOutput
{
    public List<TagWire>? Tags { get; init; }
}

internal sealed class TagWire
{
    public string? Key { get; init; }

    public string? Value { get; init; }
}

namespace EksOps.Aws.Http;

/// <summary>
/// Follows a <c>NextToken</c> chain: stops when the service sends none, when it sends the token it was just given (a
/// loop), or after a page limit, which it reports as truncation.
/// </summary>
internal sealed class Pager(int maxPages)
{
    public string? Token { get; private set; }

    public int Pages { get; private set; }

    public bool HasMore { get; private set; }

    public bool Truncated { get; private set; }

    public void Advance(string? nextToken)
    {
        Pages++;
        var more = !string.IsNullOrEmpty(nextToken) && nextToken != Token;
        Truncated = more && Pages >= maxPages;
        HasMore = more && !Truncated;
        Token = more ? nextToken : null;
    }
}

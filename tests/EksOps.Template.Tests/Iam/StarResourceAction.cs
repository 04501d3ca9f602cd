namespace EksOps.Template.Tests.Iam;

/// <summary>An action a policy may allow on <c>"Resource": "*"</c>, and why.</summary>
/// <param name="Action">The action, e.g. <c>xray:PutTraceSegments</c>.</param>
/// <param name="HasNoResourceTypes">
/// True when the Service Authorization Reference lists no resource type for it (so <c>*</c> is the only possible
/// resource; a test checks this against cfn-lint's copy of the reference); false when it has resource types but the
/// service documents that it only works fully on <c>*</c>.
/// </param>
/// <param name="Reason">Why <c>*</c> is needed.</param>
internal sealed record StarResourceAction(string Action, bool HasNoResourceTypes, string Reason);

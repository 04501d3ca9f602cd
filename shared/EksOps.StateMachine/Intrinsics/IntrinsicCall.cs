using System.Text.Json.Nodes;
using EksOps.StateMachine.Paths;

namespace EksOps.StateMachine.Intrinsics;

/// <summary>A parsed intrinsic function call such as <c>States.Format('{}-{}', $.a, $$.Execution.Name)</c>.</summary>
/// <param name="Name">The function, e.g. <c>States.Format</c>.</param>
/// <param name="Arguments">The arguments, in order.</param>
/// <param name="Text">The call as written.</param>
internal sealed record IntrinsicCall(string Name, IReadOnlyList<IntrinsicArgument> Arguments, string Text);

/// <summary>An argument of an <see cref="IntrinsicCall"/>.</summary>
internal abstract record IntrinsicArgument;

/// <summary>A literal: a string (<c>'text'</c>), a number, <c>true</c>, <c>false</c> or <c>null</c>.</summary>
/// <param name="Value">The value.</param>
/// <param name="EscapedText">For a string literal, its text between the quotes with the escapes still in place, so that
/// <c>States.Format</c> can tell an escaped <c>\{\}</c> from a <c>{}</c> placeholder; null for other literals.</param>
internal sealed record LiteralArgument(JsonNode? Value, string? EscapedText) : IntrinsicArgument;

/// <summary>A Path into the effective input (<c>$…</c>) or the Context Object (<c>$$…</c>).</summary>
/// <param name="Path">The path.</param>
internal sealed record PathArgument(JsonPath Path) : IntrinsicArgument;

/// <summary>A nested intrinsic call.</summary>
/// <param name="Call">The call.</param>
internal sealed record CallArgument(IntrinsicCall Call) : IntrinsicArgument;

namespace EksOps.StateMachine.Tests.Support;

/// <summary>Small definitions for tests.</summary>
public static class Asl
{
    /// <summary>A definition with the given states (the members of <c>States</c>), starting at <paramref name="startAt"/>.</summary>
    public static string Machine(string states, string startAt = "S") => "{\"StartAt\":\"" + startAt + "\",\"States\":{" + states + "}}";

    /// <summary>A definition of one state, <c>S</c>.</summary>
    public static string OneState(string state) => Machine($$"""
        "S":{{state}}
        """);

    /// <summary>A Choice on one rule: <c>Yes</c> when it holds, <c>No</c> otherwise.</summary>
    public static string Choice(string rule) => Machine($$"""
        "C":{"Type":"Choice","Choices":[{{rule}}],"Default":"No"},"Yes":{"Type":"Succeed"},"No":{"Type":"Succeed"}
        """, "C");
}

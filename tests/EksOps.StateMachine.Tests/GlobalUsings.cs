global using System.Text.Json.Nodes;
global using EksOps.StateMachine.Definition;
global using EksOps.StateMachine.Execution;
global using EksOps.StateMachine.Lambda;
global using EksOps.StateMachine.Tests.Support;

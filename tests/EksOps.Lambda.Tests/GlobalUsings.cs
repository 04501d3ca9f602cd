global using System.Text.Json;
global using EksOps.Lambda;
global using EksOps.Lambda.Testing;
global using Xunit;

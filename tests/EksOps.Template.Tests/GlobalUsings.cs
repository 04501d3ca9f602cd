global using EksOps.Template.Tests.Support;

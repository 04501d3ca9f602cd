using EksOps.Cli;

return await EksOpsCommand.Create(Console.Out, Console.Error).Parse(args).InvokeAsync().ConfigureAwait(false);

using Nexus.Bot;

return await NexusHost.RunAsync(args, Console.Out, Console.Error);

using Nexus.Bot;

return await NexusHost.RunAsync(args, new Terminal(
    Console.In,
    Console.Out,
    Console.Error,
    Interactive: !Console.IsInputRedirected,
    Ansi: !Console.IsOutputRedirected));

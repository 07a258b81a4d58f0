namespace Nexus.Bot.Cli;

/// <summary>
/// What every verb's action gets besides its own options: where to read and write, and the configuration
/// switches (<c>--Storage:ConnectionString=…</c>) given on the command line, for the verb's host.
/// </summary>
/// <param name="Terminal">Standard input, output and error.</param>
/// <param name="Configuration">The configuration switches, in the form the host's command-line source reads.</param>
internal sealed record VerbContext(Terminal Terminal, string[] Configuration);

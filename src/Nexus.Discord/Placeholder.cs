namespace Nexus.Discord; internal static class Placeholder { }

using Microsoft.Extensions.Time.Testing;

namespace Nexus.Testing;

/// <summary>Shortcuts for Microsoft's <see cref="FakeTimeProvider"/>.</summary>
public static class FakeTimeProviderExtensions
{
    extension(FakeTimeProvider)
    {
        /// <summary>A clock at noon UTC on <paramref name="today"/>, for rules that only care about the date.</summary>
        public static FakeTimeProvider OnDay(DateOnly today) =>
            new(new DateTimeOffset(today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
    }
}

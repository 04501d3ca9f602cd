using System.Globalization;

namespace EksOps.Simulation.Kubernetes;

/// <summary>Ages as Kubernetes prints them (<c>k8s.io/apimachinery/pkg/util/duration.HumanDuration</c>): <c>45s</c>, <c>3m20s</c>, <c>5h</c>, <c>2d3h</c>, <c>1y30d</c>.</summary>
internal static class HumanDuration
{
    public static string Since(DateTimeOffset? time, DateTimeOffset now) => time is { } t ? Format(now - t) : "<unknown>";

    public static string Format(TimeSpan duration)
    {
        var seconds = (long)Math.Floor(duration.TotalSeconds);
        if (seconds < -1)
        {
            return "<invalid>";
        }

        if (seconds < 0)
        {
            return "0s";
        }

        if (seconds < 60 * 2)
        {
            return Text($"{seconds}s");
        }

        var minutes = seconds / 60;
        if (minutes < 10)
        {
            var s = seconds % 60;
            return s == 0 ? Text($"{minutes}m") : Text($"{minutes}m{s}s");
        }

        if (minutes < 60 * 3)
        {
            return Text($"{minutes}m");
        }

        var hours = seconds / 3600;
        if (hours < 8)
        {
            var m = minutes % 60;
            return m == 0 ? Text($"{hours}h") : Text($"{hours}h{m}m");
        }

        if (hours < 48)
        {
            return Text($"{hours}h");
        }

        if (hours < 24 * 8)
        {
            var h = hours % 24;
            return h == 0 ? Text($"{hours / 24}d") : Text($"{hours / 24}d{h}h");
        }

        if (hours < 24 * 365 * 2)
        {
            return Text($"{hours / 24}d");
        }

        if (hours < 24 * 365 * 8)
        {
            var days = hours / 24 % 365;
            return days == 0 ? Text($"{hours / 24 / 365}y") : Text($"{hours / 24 / 365}y{days}d");
        }

        return Text($"{hours / 24 / 365}y");
    }

    private static string Text(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}

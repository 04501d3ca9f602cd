using System.Globalization;
using System.Text.RegularExpressions;

namespace EksOps.Simulation.Kubernetes;

/// <summary>Kubernetes resource quantities (<c>500m</c>, <c>1.5Gi</c>, <c>2e3</c>) read as numbers, for comparing requests with limits.</summary>
internal static partial class Quantity
{
    /// <summary>The pattern in the API server's error message for a malformed quantity.</summary>
    public const string Pattern = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";

    public static bool TryParse(string text, out decimal value)
    {
        value = 0;
        var match = QuantityRegex().Match(text);
        if (!match.Success || !decimal.TryParse(match.Groups[1].Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var suffix = match.Groups[2].Value;
        decimal multiplier;
        switch (suffix)
        {
            case "":
                multiplier = 1m;
                break;
            case "Ki": multiplier = 1024m; break;
            case "Mi": multiplier = 1024m * 1024; break;
            case "Gi": multiplier = 1024m * 1024 * 1024; break;
            case "Ti": multiplier = 1024m * 1024 * 1024 * 1024; break;
            case "Pi": multiplier = 1024m * 1024 * 1024 * 1024 * 1024; break;
            case "Ei": multiplier = 1024m * 1024 * 1024 * 1024 * 1024 * 1024; break;
            case "n": multiplier = 0.000000001m; break;
            case "u": multiplier = 0.000001m; break;
            case "m": multiplier = 0.001m; break;
            case "k": multiplier = 1e3m; break;
            case "M": multiplier = 1e6m; break;
            case "G": multiplier = 1e9m; break;
            case "T": multiplier = 1e12m; break;
            case "P": multiplier = 1e15m; break;
            case "E": multiplier = 1e18m; break;
            default:
                if (suffix[0] is not ('e' or 'E') || !int.TryParse(suffix[1..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent) || Math.Abs(exponent) > 27)
                {
                    return false;
                }

                multiplier = 1m;
                for (var i = 0; i < Math.Abs(exponent); i++)
                {
                    multiplier = exponent > 0 ? multiplier * 10 : multiplier / 10;
                }

                break;
        }

        try
        {
            value = number * multiplier;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex QuantityRegex();
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace EksOps.Tools.Actions;

/// <summary>Kubernetes resource quantities (<c>512Mi</c>, <c>1.5Gi</c>, <c>250m</c>, <c>2</c>, <c>1e3</c>) as exact decimals of the base unit.</summary>
internal static partial class Quantity
{
    private const decimal Ki = 1024m;
    private const decimal Mi = Ki * 1024m;
    private const decimal Gi = Mi * 1024m;

    /// <summary>Reads a quantity; <see langword="false"/> when it is not one.</summary>
    public static bool TryParse(string? text, out decimal value)
    {
        value = 0;
        var match = text is null ? null : Syntax().Match(text.Trim());
        if (match is null || !match.Success
            || !decimal.TryParse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        decimal scale = match.Groups["suffix"].Value switch
        {
            "" => 1m,
            "n" => 0.000000001m,
            "u" => 0.000001m,
            "m" => 0.001m,
            "k" => 1_000m,
            "M" => 1_000_000m,
            "G" => 1_000_000_000m,
            "T" => 1_000_000_000_000m,
            "P" => 1_000_000_000_000_000m,
            "Ki" => Ki,
            "Mi" => Mi,
            "Gi" => Gi,
            "Ti" => Gi * Ki,
            "Pi" => Gi * Mi,
            _ => 0m,
        };
        if (match.Groups["exponent"].Success)
        {
            int exponent = int.Parse(match.Groups["exponent"].Value, CultureInfo.InvariantCulture);
            if (Math.Abs(exponent) > 18)
            {
                return false;
            }

            for (int i = 0; i < Math.Abs(exponent); i++)
            {
                scale = exponent > 0 ? scale * 10m : scale / 10m;
            }
        }

        value = number * scale;
        return scale > 0m && value >= 0m;
    }

    /// <summary>Bytes as the API server would print them: whole <c>Gi</c>, <c>Mi</c> or <c>Ki</c> where exact, else plain bytes.</summary>
    public static string FormatBytes(decimal bytes)
    {
        bytes = decimal.Ceiling(bytes);
        foreach (var (unit, suffix) in new[] { (Gi, "Gi"), (Mi, "Mi"), (Ki, "Ki") })
        {
            if (bytes % unit == 0m)
            {
                return (bytes / unit).ToString("0", CultureInfo.InvariantCulture) + suffix;
            }
        }

        return bytes.ToString("0", CultureInfo.InvariantCulture);
    }

    /// <summary>Cores as the API server would print them: whole cores, else millicores (rounded up).</summary>
    public static string FormatCores(decimal cores)
    {
        decimal millicores = decimal.Ceiling(cores * 1000m);
        return millicores % 1000m == 0m
            ? (millicores / 1000m).ToString("0", CultureInfo.InvariantCulture)
            : millicores.ToString("0", CultureInfo.InvariantCulture) + "m";
    }

    /// <summary>Bytes rounded up to a whole Mi (the step a runbook computes itself).</summary>
    public static decimal CeilingMi(decimal bytes) => decimal.Ceiling(bytes / Mi) * Mi;

    [GeneratedRegex(@"^(?<number>[+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(?:(?<suffix>Ki|Mi|Gi|Ti|Pi|n|u|m|k|M|G|T|P)|[eE](?<exponent>[+-]?[0-9]+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();
}

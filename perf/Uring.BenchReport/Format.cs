using System.Globalization;

namespace Uring.BenchReport;

/// <summary>Number formatting shared by the table and the chart (invariant culture throughout).</summary>
internal static class Format
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    /// <summary>126,300 → "126.3k"; 1,260,000 → "1.26M".</summary>
    public static string Rate(double perSecond) => perSecond switch
    {
        >= 1e6 => (perSecond / 1e6).ToString("0.00", s_inv) + "M",
        >= 1e3 => (perSecond / 1e3).ToString("0.0", s_inv) + "k",
        _ => perSecond.ToString("0", s_inv),
    };

    /// <summary>Latency from microseconds: "850 µs", "12.3 ms".</summary>
    public static string Latency(double? us) => us switch
    {
        null => "—",
        >= 1000 => (us.Value / 1000).ToString("0.00", s_inv) + " ms",
        _ => us.Value.ToString("0", s_inv) + " µs",
    };

    public static string Micros(double? us) => us is null ? "—" : us.Value.ToString(us < 10 ? "0.00" : "0.0", s_inv);

    public static string Megabytes(long? kb) => kb is null ? "—" : (kb.Value / 1024.0).ToString("0.0", s_inv) + " MB";

    public static string Percent(double? pct) => pct is null ? "—" : pct.Value.ToString("0", s_inv) + "%";
}

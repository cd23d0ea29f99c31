using System.Globalization;

namespace Uring.Engine.Memory;

/// <summary>Byte counts for log and <c>--topology</c> lines: "2 MiB", "640 KiB", "1.5 GiB".</summary>
internal static class ByteSize
{
    public static string Format(ulong bytes)
    {
        string[] units = { "B", "KiB", "MiB", "GiB", "TiB" };
        int unit = 0;
        double value = bytes;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        string number = value == System.Math.Floor(value)
            ? value.ToString("0", CultureInfo.InvariantCulture)
            : value.ToString("0.#", CultureInfo.InvariantCulture);
        return number + " " + units[unit];
    }
}

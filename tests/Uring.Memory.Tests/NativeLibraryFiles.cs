using System.IO;

namespace Uring.Memory.Tests;

/// <summary>Whether a shared library is installed, looked up as files (not through the probe under test),
/// so a broken probe fails its test instead of skipping it.</summary>
public static class NativeLibraryFiles
{
    private static readonly string[] Directories =
    {
        "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu",
        "/usr/lib64", "/usr/lib", "/lib64", "/lib",
    };

    public static bool Installed(string soname)
    {
        foreach (string dir in Directories)
            if (File.Exists(Path.Combine(dir, soname))) return true;
        return false;
    }
}

using System;
using System.IO;

namespace Uring.Memory.Tests;

/// <summary>A fabricated sysfs (and /proc) tree in a temporary directory, removed on Dispose.</summary>
public sealed class FakeSysfs : IDisposable
{
    public FakeSysfs()
    {
        Root = Path.Combine(Path.GetTempPath(), "uring-sysfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public FakeSysfs Online(string cpulist) => Write("devices/system/cpu/online", cpulist + "\n");

    public FakeSysfs Node(int id, string cpulist) => Write($"devices/system/node/node{id}/cpulist", cpulist + "\n");

    /// <summary>The files a real node directory holds beside the nodeN directories, which discovery must ignore.</summary>
    public FakeSysfs NodeDirectoryFiles()
        => Write("devices/system/node/online", "0\n").Write("devices/system/node/possible", "0\n").Write("devices/system/node/power/async", "disabled\n");

    public FakeSysfs Write(string relativePath, string text)
    {
        string path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return this;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

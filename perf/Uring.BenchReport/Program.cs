using System;
using System.IO;
using System.Text.Json;
using Uring.BenchReport;

// Usage: Uring.BenchReport RESULTS.json — writes results.md and results.png beside it.
if (args.Length != 1 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("usage: Uring.BenchReport RESULTS.json   (writes results.md and results.png beside it)");
    return 2;
}

string jsonPath = Path.GetFullPath(args[0]);
BenchResults? results;
try
{
    results = JsonSerializer.Deserialize(File.ReadAllText(jsonPath), BenchResultsJson.Default.BenchResults);
}
catch (JsonException e)
{
    Console.Error.WriteLine($"Uring.BenchReport: {jsonPath} is not a results file: {e.Message}");
    return 1;
}
if (results is null || results.Schema != 1)
{
    Console.Error.WriteLine($"Uring.BenchReport: {jsonPath}: expected schema 1");
    return 1;
}

string dir = Path.GetDirectoryName(jsonPath)!;
string stem = Path.GetFileNameWithoutExtension(jsonPath);
string pngName = stem + ".png";
File.WriteAllText(Path.Combine(dir, stem + ".md"), MarkdownReport.Render(results, pngName));
ChartReport.Save(results, Path.Combine(dir, pngName));
return 0;

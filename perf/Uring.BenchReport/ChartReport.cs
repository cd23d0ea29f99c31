using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace Uring.BenchReport;

/// <summary>
/// results.png: two panels of grouped bars, one group per workload and one colour per server —
/// rate on top, server CPU-µs per request below (lower is better). hey runs are left out: they
/// are the second opinion on a workload wrk already measured, and hey saturates far earlier.
/// </summary>
internal static class ChartReport
{
    public static void Save(BenchResults results, string path)
    {
        List<string> servers = MarkdownReport.Servers(results);
        List<RunResult> charted = results.Runs.Where(r => r.Measured && r.Tool != "hey").ToList();
        List<string> workloads = charted.Select(r => r.Workload).Distinct().ToList();
        string unit = results.Unit;

        // A new Multiplot already holds one (empty) plot: draw the top panel into it.
        var multiplot = new Multiplot();
        Plot rate = multiplot.GetPlot(0);
        Fill(rate, charted, servers, workloads, r => r.Rps!.Value / 1000,
            $"{unit}s/s, thousands (higher is better); server CPU {results.ServerCores}, load CPU {results.LoadCores}", $"k {unit}s/s");
        var cpu = new Plot();
        Fill(cpu, charted, servers, workloads, r => r.CpuUsPerRequest ?? 0,
            $"server CPU-µs per {unit} (lower is better)", $"µs/{unit}");
        multiplot.AddPlot(cpu);
        int width = System.Math.Max(900, 140 * workloads.Count * System.Math.Max(1, servers.Count) / 2 + 200);
        multiplot.SavePng(path, width, 900);
    }

    private static void Fill(Plot plot, List<RunResult> runs, List<string> servers, List<string> workloads, System.Func<RunResult, double> value, string title, string yLabel)
    {
        plot.Font.Set("DejaVu Sans");
        var palette = new ScottPlot.Palettes.Category10();
        double barWidth = 0.8 / System.Math.Max(1, servers.Count);
        var bars = new List<Bar>();
        for (int w = 0; w < workloads.Count; w++)
        {
            for (int s = 0; s < servers.Count; s++)
            {
                RunResult? run = runs.FirstOrDefault(r => r.Workload == workloads[w] && r.Server == servers[s]);
                if (run is null) continue;
                double v = value(run);
                bars.Add(new Bar
                {
                    Position = w + (s - (servers.Count - 1) / 2.0) * barWidth,
                    Value = v,
                    Size = barWidth * 0.95,
                    FillColor = palette.GetColor(s),
                    Label = v.ToString(v >= 100 ? "0" : v >= 10 ? "0.0" : "0.00", System.Globalization.CultureInfo.InvariantCulture),
                });
            }
        }
        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 10;

        double[] positions = Enumerable.Range(0, workloads.Count).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, workloads.ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Margins(bottom: 0, top: 0.15);
        plot.Title(title, size: 14);
        plot.YLabel(yLabel, size: 12);
        for (int s = 0; s < servers.Count; s++)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = servers[s], FillColor = palette.GetColor(s) });
        plot.ShowLegend(Edge.Right);
        plot.HideGrid();
    }
}

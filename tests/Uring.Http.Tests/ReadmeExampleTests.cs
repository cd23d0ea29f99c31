using System;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace Uring.Http.Tests;

/// <summary>The application example of the README, as written there, works.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public async Task The_readme_application_serves_a_route_value_and_counts_a_streamed_body()
    {
        await using var server = HttpTestServer.With(app =>
        {
            // --- as in README.md ---
            app.MapGet("/hello/{name}", ctx => ctx.Response.Write(Encoding.UTF8.GetBytes($"hi {ctx.Request.RouteValues.GetString("name")}")));
            app.MapPost("/count", async ctx =>
            {
                long total = 0;
                var buffer = new byte[8192];
                int n;
                while ((n = await ctx.Request.Body.ReadAsync(buffer)) > 0) total += n; // resumes on the same core
                ctx.Response.Write(Encoding.ASCII.GetBytes(total.ToString()));
            });
            // ---
        });
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        Assert.Equal("hi wörld", await http.GetStringAsync("/hello/w%C3%B6rld"));
        using var content = new ByteArrayContent(new byte[300_000]);
        using HttpResponseMessage counted = await http.PostAsync("/count", content);
        Assert.Equal("300000", await counted.Content.ReadAsStringAsync());
    }
}

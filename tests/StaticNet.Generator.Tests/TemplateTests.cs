using System.IO;
using StaticNet.Generator.Tests.Support;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// `dotnet new staticnet-console` from the packed template package makes a project that builds against the packed
/// StaticNet package (with warnings as errors: the compiler accepts the code-fix assembly beside the generator without
/// a word), trains with progress, saves its weights, and on the next build bakes them in.
/// </summary>
public class TemplateTests
{
    [Fact]
    public void Console_template_trains_saves_and_then_bakes_the_weights()
    {
        PackedFeed feed = PackedFeed.Instance;
        string work = Path.Combine(feed.Work, "template");
        string hive = Path.Combine(work, "hive");   // a template store of its own: the user's is never touched
        string project = Path.Combine(work, "FlowerApp");
        Directory.CreateDirectory(work);

        (int installExit, string installOutput) = DotNetCli.Run(work, "new", "install", feed.Templates, "--debug:custom-hive", hive);
        Assert.True(installExit == 0, installOutput);
        (int newExit, string newOutput) = DotNetCli.Run(work, "new", "staticnet-console", "-n", "FlowerApp", "-o", project, "--debug:custom-hive", hive);
        Assert.True(newExit == 0, newOutput);
        Assert.Contains($"Include=\"StaticNet\" Version=\"{feed.Version}\"", File.ReadAllText(Path.Combine(project, "FlowerApp.csproj")));
        Assert.Contains("namespace FlowerApp;", File.ReadAllText(Path.Combine(project, "IrisNet.cs")));
        feed.WriteNuGetConfig(project);
        string projectFile = Path.Combine(project, "FlowerApp.csproj");
        string strict = File.ReadAllText(projectFile).Replace("<Nullable>enable</Nullable>", "<Nullable>enable</Nullable>\n    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>");
        Assert.Contains("TreatWarningsAsErrors", strict);
        File.WriteAllText(projectFile, strict);

        (int firstExit, string first) = DotNetCli.Run(project, "run");
        Assert.True(firstExit == 0, first);
        Assert.Matches(@"\[[#.]{20}\] epoch +1/200 loss", first);           // the progress reporter, one line per epoch when redirected
        Assert.Matches(@"Test: loss \d\.\d{3}, accuracy (9\d|100)\.\d %", first);
        Assert.Contains("Build and run again to bake them", first);
        Assert.True(File.Exists(Path.Combine(project, "model.snw")), first);

        (int secondExit, string second) = DotNetCli.Run(project, "run");
        Assert.True(secondExit == 0, second);
        Assert.Matches(@"Baked weights from the previous run say: (setosa|versicolor|virginica)", second);
    }
}

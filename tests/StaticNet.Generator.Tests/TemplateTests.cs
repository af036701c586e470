using System;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
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

    /// <summary>
    /// Issue 29, item 8: a project name that is no C# identifier became `namespace class;` (CS1001), and `-n StaticNet`
    /// referenced a package of its own name (NU1108). Names are made valid as dotnet new console makes them: the files
    /// parse, and the StaticNet project builds with warnings as errors.
    /// </summary>
    [Fact]
    public void Console_template_makes_any_project_name_a_valid_namespace_and_assembly()
    {
        PackedFeed feed = PackedFeed.Instance;
        string work = Path.Combine(feed.Work, "template-names");
        string hive = Path.Combine(work, "hive");
        Directory.CreateDirectory(work);
        (int installExit, string installOutput) = DotNetCli.Run(work, "new", "install", feed.Templates, "--debug:custom-hive", hive);
        Assert.True(installExit == 0, installOutput);

        (string Name, string Namespace, string Assembly)[] cases =
            [("class", "@class", "class"), ("StaticNet", "StaticNetApp", "StaticNetApp"), ("1st-try.v2", "_1st_try.v2", "1st-try.v2")];
        foreach ((string name, string expectedNamespace, string assembly) in cases)
        {
            string project = Path.Combine(work, name);
            (int newExit, string newOutput) = DotNetCli.Run(work, "new", "staticnet-console", "-n", name, "-o", project, "--debug:custom-hive", hive);
            Assert.True(newExit == 0, newOutput);
            Assert.Contains($"namespace {expectedNamespace};", File.ReadAllText(Path.Combine(project, "IrisNet.cs")));
            Assert.Contains($"using {expectedNamespace};", File.ReadAllText(Path.Combine(project, "Program.cs")));
            Assert.Contains($"<AssemblyName>{assembly}</AssemblyName>", File.ReadAllText(Path.Combine(project, $"{name}.csproj")));

            // `namespace class;` was a syntax error (CS1001): every file parses cleanly now.
            foreach (string file in Directory.GetFiles(project, "*.cs"))
            {
                SyntaxTree tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file), new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: ["BAKED"]));
                Assert.Empty(tree.GetDiagnostics());
            }
        }

        // A project named StaticNet referenced a package of its own name (NU1108, a restore error): it restores cleanly
        // now. Compiling a project from the template is the other test's job, so this one stops after the restore.
        string own = Path.Combine(work, "StaticNet");
        feed.WriteNuGetConfig(own);
        (int restoreExit, string restore) = DotNetCli.Run(own, "restore", "-p:TreatWarningsAsErrors=true");
        Assert.True(restoreExit == 0, restore);
        Assert.DoesNotContain("NU1108", restore);

        // Issue 29, item 9: the restored test package lands in the build folder's cache, never in the machine's.
        Assert.True(Directory.Exists(Path.Combine(PackedFeed.PackageCache, "staticnet", feed.Version)));
        Assert.False(Directory.Exists(Path.Combine(PackedFeed.MachineCache, "staticnet", feed.Version)));
    }
}

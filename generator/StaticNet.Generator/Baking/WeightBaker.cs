using System;
using System.Collections.Immutable;
using System.Linq;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Baking;

/// <summary>
/// The step between planning and emitting for <c>[Network(Weights = "file")]</c>: finds the AdditionalFiles item the
/// network names, checks it against the compile-time architecture and counts, and turns every problem into a
/// diagnostic on the <c>Weights</c> argument.
/// </summary>
internal static class WeightBaker
{
    public static NetworkBuild Bake(NetworkPlan plan, ImmutableArray<WeightFileContent> files)
    {
        if (plan.Weights is not { } request || plan.HasErrors)
        {
            return new NetworkBuild(plan, null, plan.Diagnostics);
        }

        (BakedWeights? weights, DiagnosticInfo? problem) = Find(plan, request, files);
        EquatableArray<DiagnosticInfo> diagnostics = problem is null
            ? plan.Diagnostics
            : new EquatableArray<DiagnosticInfo>(plan.Diagnostics.AsImmutableArray().Add(problem));
        return new NetworkBuild(plan, weights, diagnostics);
    }

    /// <summary>Whether some network asks for the AdditionalFiles item at <paramref name="path"/>.</summary>
    public static bool IsRequested(string path, EquatableArray<string> requests) => requests.Any(request => Names(path, request));

    /// <summary>
    /// Whether <paramref name="path"/> (as the compiler lists an AdditionalFiles item, usually absolute) is the file
    /// <paramref name="request"/> names: the same path, or one that ends with it after a directory separator, so
    /// "iris.snw" and "models/iris.snw" both name /repo/app/models/iris.snw. Either separator is accepted.
    /// </summary>
    public static bool Names(string path, string request)
    {
        string wanted = Normalise(request);
        while (wanted.StartsWith("./", StringComparison.Ordinal))
        {
            wanted = wanted.Substring(2);
        }

        if (wanted.Length == 0)
        {
            return false;
        }

        string candidate = Normalise(path);
        return candidate.Length == wanted.Length
            ? string.Equals(candidate, wanted, StringComparison.Ordinal)
            : candidate.EndsWith(wanted, StringComparison.Ordinal) && candidate[candidate.Length - wanted.Length - 1] == '/';
    }

    private static string Normalise(string path) => path.Replace('\\', '/');

    private static (BakedWeights? Weights, DiagnosticInfo? Problem) Find(NetworkPlan plan, Argument<string> request, ImmutableArray<WeightFileContent> files)
    {
        string name = request.Value;
        if (string.IsNullOrWhiteSpace(name))
        {
            return (null, DiagnosticInfo.Create(
                DiagnosticDescriptors.WeightFileUnreadable, request.Location, name, plan.Name, "Weights is empty; name a weight file, or remove Weights"));
        }

        WeightFileContent[] matches = files.Where(file => Names(file.Path, name)).OrderBy(file => file.Path, StringComparer.Ordinal).ToArray();
        if (matches.Length == 0)
        {
            return (null, DiagnosticInfo.Create(DiagnosticDescriptors.WeightFileNotListed, request.Location, plan.Name, name));
        }

        if (matches.Length > 1)
        {
            return (null, DiagnosticInfo.Create(
                DiagnosticDescriptors.WeightFileAmbiguous, request.Location, name, matches.Length, string.Join(", ", matches.Select(m => m.Path))));
        }

        WeightFileContent file = matches[0];
        if (file.Problem is { } problem)
        {
            return (null, DiagnosticInfo.Create(DiagnosticDescriptors.WeightFileUnreadable, request.Location, file.Path, plan.Name, problem));
        }

        string architecture = ArchitectureDescription.Describe(plan);
        if (file.Architecture != architecture || file.Fingerprint != ArchitectureDescription.Fingerprint(architecture)
            || file.Parameters.Count != plan.ParameterCount || file.State.Count != plan.StateCount)
        {
            return (null, DiagnosticInfo.Create(
                DiagnosticDescriptors.WeightFileMismatch, request.Location,
                file.Path, file.Parameters.Count, file.State.Count, file.Architecture,
                plan.Name, plan.ParameterCount, plan.StateCount, architecture));
        }

        return (new BakedWeights(name, file.Parameters, file.State, file.Checksum), null);
    }
}

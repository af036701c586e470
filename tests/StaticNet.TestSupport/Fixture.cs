using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace StaticNet.TestSupport;

/// <summary>One PyTorch reference file from tests/fixtures (format in tests/fixtures/README.md).</summary>
public sealed class Fixture
{
    private Fixture(JsonElement root)
    {
        Name = root.GetProperty("name").GetString()!;
        ParameterCount = root.GetProperty("parameterCount").GetInt32();
        Parameters = Floats(root.GetProperty("parameters"));
        Cases = root.GetProperty("cases").EnumerateArray().Select(c => new FixtureCase(
            Floats(c.GetProperty("input")),
            Floats(c.GetProperty("target")),
            Floats(c.GetProperty("output")),
            c.GetProperty("loss").GetDouble(),
            Floats(c.GetProperty("gradParameters")),
            Floats(c.GetProperty("gradInput")))).ToArray();
        Traces = root.TryGetProperty("optimizerTraces", out JsonElement traces)
            ? traces.EnumerateArray().Select(t => new OptimizerTrace(
                t.GetProperty("optimizer").Clone(),
                t.GetProperty("losses").EnumerateArray().Select(l => l.GetDouble()).ToArray(),
                Floats(t.GetProperty("finalParameters")),
                t.TryGetProperty("gradNorms", out JsonElement norms) ? norms.EnumerateArray().Select(n => n.GetDouble()).ToArray() : [])).ToArray()
            : [];
        State = root.TryGetProperty("state", out JsonElement state) ? Floats(state) : [];
        TrainingBatch = root.TryGetProperty("trainingBatch", out JsonElement batch)
            ? new FixtureTrainingBatch(
                batch.GetProperty("loss").GetDouble(),
                Floats(batch.GetProperty("gradParameters")),
                Floats(batch.GetProperty("outputs")),
                Floats(batch.GetProperty("stateAfter")))
            : null;
    }

    public string Name { get; }

    /// <summary>Batch-norm running statistics the cases and traces use (means, then variances); empty without batch norm.</summary>
    public float[] State { get; }

    /// <summary>One training-mode batch of every case (our own r-* fixtures with batch norm), or null.</summary>
    public FixtureTrainingBatch? TrainingBatch { get; }

    public int ParameterCount { get; }

    public float[] Parameters { get; }

    public FixtureCase[] Cases { get; }

    public OptimizerTrace[] Traces { get; }

    public static Fixture Load(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "fixtures", name + ".json");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        return new Fixture(document.RootElement);
    }

    private static float[] Floats(JsonElement array) => array.EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();
}

/// <summary>One sample with PyTorch's outputs, loss and gradients for it.</summary>
public sealed record FixtureCase(
    float[] Input, float[] Target, float[] Output, double Loss, float[] GradParameters, float[] GradInput);

/// <summary>
/// Full-batch training from the fixture's parameters: loss before each step and the final parameters; for a trace that
/// clips its gradients by norm, the norm <c>clip_grad_norm_</c> returned before each step (else empty).
/// </summary>
public sealed record OptimizerTrace(JsonElement Optimizer, double[] Losses, float[] FinalParameters, double[] GradNorms);

/// <summary>
/// One training-mode step on all of a fixture's cases as one batch: the mean loss, its parameter gradients, the outputs,
/// and the running statistics after it.
/// </summary>
public sealed record FixtureTrainingBatch(double Loss, float[] GradParameters, float[] Outputs, float[] StateAfter);

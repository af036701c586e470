using System;
using System.Linq;
using System.Text.Json;
using StaticNet.Tests.Networks;
using StaticNet.TestSupport;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// Full-batch training from the fixture parameters reproduces PyTorch's optimizer traces: the loss
/// before every step and the parameters after the last.
/// </summary>
public class OptimizerTraceTests
{
    public static TheoryData<string, int> Traces
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (string name in FixtureTests.FixtureNames)
            {
                for (int i = 0; i < Fixture.Load(name).Traces.Length; i++)
                {
                    data.Add(name, i);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Traces))]
    public void Training_reproduces_the_PyTorch_trace(string name, int traceIndex)
    {
        Fixture fixture = Fixture.Load(name);
        OptimizerTrace trace = fixture.Traces[traceIndex];
        NetworkFunctions network = FixtureNetworks.ForFixture(name);
        Optimizer optimizer = Create(trace.Optimizer, network.ParameterCount);
        float[] parameters = fixture.Parameters.ToArray();
        var gradients = new float[network.ParameterCount];

        for (int step = 0; step < trace.Losses.Length; step++)
        {
            Array.Clear(gradients);
            double loss = 0;
            foreach (FixtureCase sample in fixture.Cases)
            {
                loss += network.Backward(parameters, sample.Input, sample.Target, gradients, Span<float>.Empty);
            }

            for (int i = 0; i < gradients.Length; i++)
            {
                gradients[i] /= fixture.Cases.Length;
            }

            Tolerance.Close(trace.Losses[step], loss / fixture.Cases.Length, Tolerance.Values, $"{name} {Describe(trace)} loss before step {step + 1}");
            float? norm = Clip(trace.Optimizer, gradients);
            if (trace.GradNorms.Length > 0)
            {
                Tolerance.Close(trace.GradNorms[step], norm!.Value, Tolerance.Gradients, $"{name} {Describe(trace)} gradient norm before step {step + 1}");
            }

            optimizer.Step(parameters, gradients);
        }

        // Final parameters are the start plus accumulated float32 gradient steps: gradient tolerance. Without fused
        // multiply-adds (the netstandard2.1 build) each product rounds twice: tiny-tanh's worst parameter, one that
        // travels 0.17 to -0.005 in five steps, ends 1.16e-5 from PyTorch's (the fused build's worst is 0.81e-5).
        double floor = RuntimeBuild.IsPortable ? 2 * Tolerance.Floor : Tolerance.Floor;
        Tolerance.Close(trace.FinalParameters, parameters, Tolerance.Gradients, $"{name} {Describe(trace)} final parameters", floor);
    }

    /// <summary>
    /// Clips the gradients as the trace's optimizer says (<c>clipGradValue</c>, then <c>clipGradNorm</c>, as PyTorch's
    /// <c>clip_grad_value_</c> and <c>clip_grad_norm_</c>); returns the norm before the norm clipping, if any.
    /// </summary>
    internal static float? Clip(JsonElement spec, Span<float> gradients)
    {
        if (spec.TryGetProperty("clipGradValue", out JsonElement value))
        {
            GradientClipping.ClipByValue(gradients, (float)value.GetDouble());
        }

        return spec.TryGetProperty("clipGradNorm", out JsonElement norm) ? GradientClipping.ClipByNorm(gradients, (float)norm.GetDouble()) : null;
    }

    internal static Optimizer Create(JsonElement spec, int count)
    {
        float Get(string property, float fallback) => spec.TryGetProperty(property, out JsonElement value) ? (float)value.GetDouble() : fallback;
        float learningRate = Get("lr", 0f);
        float weightDecay = Get("weightDecay", 0f);
        return spec.GetProperty("kind").GetString() switch
        {
            "sgd" => new Sgd(count, learningRate, momentum: Get("momentum", 0f)) { WeightDecay = weightDecay },
            "adam" => new Adam(count, learningRate, Get("beta1", 0.9f), Get("beta2", 0.999f), Get("epsilon", 1e-8f)) { WeightDecay = weightDecay },
            "adamw" => new AdamW(count, learningRate, Get("beta1", 0.9f), Get("beta2", 0.999f), Get("epsilon", 1e-8f)) { WeightDecay = weightDecay },
            var kind => throw new NotSupportedException($"Unknown optimizer kind '{kind}' in the fixture."),
        };
    }

    private static string Describe(OptimizerTrace trace) => trace.Optimizer.ToString().Replace('\n', ' ');
}

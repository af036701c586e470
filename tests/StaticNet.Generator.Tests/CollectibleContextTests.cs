using System;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using StaticNet.Generator.Tests.Support;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// Game engines' editors (Godot) and plugin hosts load a project's assemblies into a collectible context and unload it
/// on every rebuild. A thread still running code of that context keeps it alive: the batch methods' worker threads must
/// end when it unloads.
/// </summary>
public class CollectibleContextTests
{
    private const string Source = """
        using StaticNet;

        namespace Reloaded;

        [Network(Loss = Loss.CrossEntropy)]
        [Input(256)]
        [Dense(256, Activation.ReLU)]
        [Dense(10, Activation.Softmax)]
        public partial class WideNet { }

        public static class Game
        {
            /// <summary>A batch large enough to be split over four threads, whatever the machine's core count.</summary>
            public static float PlayOneFrame()
            {
                Parallelism.MaxThreads = 4;
                float[] parameters = new float[WideNet.ParameterCount];
                WideNet.Initialize(parameters, seed: 1);
                float[] inputs = new float[64 * WideNet.InputSize];
                for (int i = 0; i < inputs.Length; i++)
                {
                    inputs[i] = (i % 17) / 17f;
                }

                float[] outputs = new float[64 * WideNet.OutputSize];
                WideNet.ForwardBatch(parameters, inputs, outputs);
                return outputs[0];
            }
        }
        """;

    [Fact]
    public void A_context_whose_batches_ran_on_worker_threads_is_collected_after_it_unloads()
    {
        byte[] game = Compile();
        WeakReference context = RunAndUnload(game, out long workerParts);

        Assert.True(workerParts > 0, "The batch was not split: no worker thread ran code of the context.");
        for (int attempt = 0; attempt < 50 && context.IsAlive; attempt++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(context.IsAlive, "The unloaded context is still alive: something of StaticNet's holds it.");
    }

    private static byte[] Compile()
    {
        GeneratorResult result = GeneratorHarness.Run(Source);
        using var stream = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = result.Output.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return stream.ToArray();
    }

    /// <summary>Everything that refers to the context stays in this frame, so that only the weak reference outlives it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference RunAndUnload(byte[] game, out long workerParts)
    {
        var context = new GameContext();
        Assembly assembly = context.LoadFromStream(new MemoryStream(game));
        MethodInfo playOneFrame = assembly.GetType("Reloaded.Game")!.GetMethod("PlayOneFrame")!;

        float first = (float)playOneFrame.Invoke(null, null)!;
        Assert.True(float.IsFinite(first) && first > 0);

        // The context's own copy of the runtime, loaded by that call, counts the parts its workers ran. A worker still
        // starting may find every part taken by the caller: play frames until one lands, for a while.
        Assembly runtime = Assert.Single(context.Assemblies, a => a.GetName().Name == "StaticNet");
        FieldInfo parts = runtime.GetType("StaticNet.Runtime.WorkerPool")!.GetField("WorkerParts", BindingFlags.NonPublic | BindingFlags.Static)!;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((workerParts = (long)parts.GetValue(null)!) == 0 && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            playOneFrame.Invoke(null, null);
        }

        context.Unload();
        return new WeakReference(context);
    }

    /// <summary>Loads its own StaticNet, as an engine loads a game's dependencies beside it; the framework comes from the default context.</summary>
    private sealed class GameContext() : AssemblyLoadContext("game", isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName name) =>
            name.Name == "StaticNet" ? LoadFromAssemblyPath(typeof(Parallelism).Assembly.Location) : null;
    }
}

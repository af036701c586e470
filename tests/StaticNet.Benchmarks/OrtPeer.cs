using System;
using Microsoft.ML.OnnxRuntime;

namespace StaticNet.Benchmarks;

/// <summary>
/// ONNX Runtime on its fastest path: one thread, full graph optimisation, and input and output
/// <see cref="OrtValue"/>s created once over pinned arrays and reused by every call.
/// </summary>
public sealed class OrtPeer : IDisposable
{
    private readonly InferenceSession session;
    private readonly RunOptions runOptions = new();
    private readonly OrtValue input;
    private readonly OrtValue output;
    private readonly string[] inputNames = ["input"];
    private readonly string[] outputNames = ["output"];
    private readonly OrtValue[] inputs;
    private readonly OrtValue[] outputs;

    public OrtPeer(byte[] model, float[] inputData, long[] inputShape, float[] outputData, long[] outputShape)
    {
        session = OpenSession(model);
        input = OrtValue.CreateTensorValueFromMemory(inputData, inputShape);
        output = OrtValue.CreateTensorValueFromMemory(outputData, outputShape);
        inputs = [input];
        outputs = [output];
    }

    public void Run() => session.Run(runOptions, inputNames, inputs, outputNames, outputs);

    /// <summary>A session on one thread with every graph optimisation: what every ONNX Runtime row runs.</summary>
    public static InferenceSession OpenSession(byte[] model)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        return new InferenceSession(model, options);
    }

    public void Dispose()
    {
        input.Dispose();
        output.Dispose();
        runOptions.Dispose();
        session.Dispose();
    }
}

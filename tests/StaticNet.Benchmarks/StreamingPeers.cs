using System;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace StaticNet.Benchmarks;

/// <summary>
/// ONNX Runtime running a network's <c>ToOnnxStep</c> model, one step per <c>Run</c>, the state going in and coming out
/// (ONNX Runtime keeps none between calls). Its fastest path: <see cref="OrtPeer.OpenSession"/>'s, and two state buffers
/// bound once as <see cref="OrtValue"/>s, each call's <c>next_state</c> written into the buffer the next call reads.
/// </summary>
public sealed class OrtStepPeer : IDisposable
{
    private readonly InferenceSession session;
    private readonly RunOptions runOptions = new();
    private readonly string[] inputNames = ["input", "state"];
    private readonly string[] outputNames = ["output", "next_state"];
    private readonly OrtValue[] values;
    private readonly OrtValue[][] inputs;
    private readonly OrtValue[][] outputs;
    private int turn;

    public OrtStepPeer(byte[] model, float[] input, float[] output, int stateCount)
    {
        session = OrtPeer.OpenSession(model);
        OrtValue inputValue = OrtValue.CreateTensorValueFromMemory(input, [1, input.Length]);
        OrtValue outputValue = OrtValue.CreateTensorValueFromMemory(output, [1, output.Length]);
        OrtValue first = OrtValue.CreateTensorValueFromMemory(new float[stateCount], [1, stateCount]);
        OrtValue second = OrtValue.CreateTensorValueFromMemory(new float[stateCount], [1, stateCount]);
        values = [inputValue, outputValue, first, second];
        inputs = [[inputValue, first], [inputValue, second]];
        outputs = [[outputValue, second], [outputValue, first]];
    }

    /// <summary>One step: reads the state the last step wrote, writes the next into the other buffer.</summary>
    public void Step()
    {
        session.Run(runOptions, inputNames, inputs[turn], outputNames, outputs[turn]);
        turn ^= 1;
    }

    public void Dispose()
    {
        foreach (OrtValue value in values)
        {
            value.Dispose();
        }

        runOptions.Dispose();
        session.Dispose();
    }
}

/// <summary>
/// TorchSharp (libtorch) stepping <c>nn.GRU</c> or <c>nn.LSTM</c> (batch_first) and <c>nn.Linear</c> one sample at a
/// time with the same weights: one thread, no autograd, the state tensors carried from call to call and the output
/// copied to a managed array, as an application would.
/// </summary>
public sealed class TorchStepPeer : IDisposable
{
    private readonly nn.Module recurrent;
    private readonly Linear linear;
    private readonly Tensor input;
    private readonly bool lstm;
    private Tensor hidden;
    private Tensor cell;

    public TorchStepPeer(bool lstm, int hidden, float[] parameters, float[] inputData)
    {
        torch.set_num_threads(1);
        this.lstm = lstm;
        recurrent = lstm ? nn.LSTM(1, hidden, batchFirst: true) : nn.GRU(1, hidden, batchFirst: true);
        linear = nn.Linear(hidden, 1);
        TorchPeer.Load(recurrent.parameters().Concat(linear.parameters()), parameters);
        input = torch.tensor(inputData, [1, 1, 1]);
        this.hidden = torch.zeros(1, 1, hidden);
        cell = torch.zeros(1, 1, hidden);
    }

    /// <summary>One step: the recurrence from the carried state, the dense layer, the output copied into <paramref name="output"/>.</summary>
    public void Step(float[] output)
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        Tensor step;
        if (lstm)
        {
            (Tensor y, Tensor h, Tensor c) = ((LSTM)recurrent).call(input, (hidden, cell));
            step = y;
            hidden.Dispose();
            cell.Dispose();
            hidden = h.MoveToOuterDisposeScope();
            cell = c.MoveToOuterDisposeScope();
        }
        else
        {
            (Tensor y, Tensor h) = ((GRU)recurrent).call(input, hidden);
            step = y;
            hidden.Dispose();
            hidden = h.MoveToOuterDisposeScope();
        }

        linear.call(step).data<float>().CopyTo(output, 0);
    }

    public void Dispose()
    {
        input.Dispose();
        hidden.Dispose();
        cell.Dispose();
        recurrent.Dispose();
        linear.Dispose();
    }
}

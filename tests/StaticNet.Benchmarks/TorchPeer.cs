using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace StaticNet.Benchmarks;

/// <summary>
/// TorchSharp (libtorch) with the same weights: one thread, no autograd for inference, an input tensor
/// made once, and the outputs copied back to a managed array as an application would.
/// </summary>
public sealed class TorchPeer : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> model;
    private readonly Tensor input;
    private readonly Tensor target;
    private readonly optim.Optimizer? optimizer;
    private readonly string name;

    public TorchPeer(string name, float[] parameters, float[] inputData, long[] inputShape, float[]? targetData = null, long[]? targetShape = null)
    {
        this.name = name;
        torch.set_num_threads(1);
        model = Build(name, softmax: targetData is null);
        Load(model, parameters);
        input = torch.tensor(inputData, inputShape);
        target = targetData is null ? torch.zeros(1) : torch.tensor(targetData, targetShape!);
        if (targetData is not null)
        {
            optimizer = torch.optim.SGD(model.parameters(), 0.01);
        }
    }

    /// <summary>Inference on the batch given at construction, results copied into <paramref name="output"/>.</summary>
    public void Forward(float[] output)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        Tensor result = model.forward(input);
        result.data<float>().CopyTo(output, 0);
    }

    /// <summary>One SGD step on the batch: forward, mean loss, backward, update.</summary>
    public void TrainStep()
    {
        using var scope = torch.NewDisposeScope();
        optimizer!.zero_grad();
        Tensor output = model.forward(input);
        Tensor loss = name == nameof(N3)
            ? nn.functional.mse_loss(output, target)
            : nn.functional.cross_entropy(output, target);
        loss.backward();
        optimizer.step();
    }

    public void Dispose()
    {
        input.Dispose();
        target.Dispose();
        model.Dispose();
    }

    /// <summary>
    /// The network as <c>nn.Sequential</c>. Classifiers end in logits: the training step's cross-entropy takes
    /// logits, and inference adds the softmax as a module of its own.
    /// </summary>
    private static nn.Module<Tensor, Tensor> Build(string name, bool softmax)
    {
        var layers = name switch
        {
            nameof(N1) => new (string, nn.Module<Tensor, Tensor>)[] { ("fc1", nn.Linear(4, 6)), ("relu1", nn.ReLU()), ("fc2", nn.Linear(6, 2)) },
            nameof(N2) =>
            [
                ("fc1", nn.Linear(784, 128)), ("relu1", nn.ReLU()), ("fc2", nn.Linear(128, 64)), ("relu2", nn.ReLU()), ("fc3", nn.Linear(64, 10)),
            ],
            nameof(N3) => [("fc1", nn.Linear(16, 32)), ("tanh1", nn.Tanh()), ("fc2", nn.Linear(32, 32)), ("tanh2", nn.Tanh()), ("fc3", nn.Linear(32, 1))],
            _ =>
            [
                ("conv", nn.Conv2d(1, 8, 3)), ("relu", nn.ReLU()), ("pool", nn.MaxPool2d(2)), ("flatten", nn.Flatten()), ("fc", nn.Linear(8 * 13 * 13, 10)),
            ],
        };
        return softmax && name != nameof(N3) ? nn.Sequential([.. layers, ("softmax", nn.Softmax(1))]) : nn.Sequential(layers);
    }

    /// <summary>Copies StaticNet's flat parameters in, in <c>state_dict</c> order (the same as StaticNet's).</summary>
    private static void Load(nn.Module module, float[] parameters) => Load(module.parameters(), parameters);

    /// <summary>Copies StaticNet's flat parameters into <paramref name="targets"/>, one after another, all of them.</summary>
    public static void Load(System.Collections.Generic.IEnumerable<Parameter> targets, float[] parameters)
    {
        using var noGrad = torch.no_grad();
        int offset = 0;
        foreach (Parameter parameter in targets)
        {
            int count = (int)parameter.numel();
            using Tensor values = torch.tensor(parameters.AsSpan(offset, count).ToArray(), parameter.shape);
            parameter.copy_(values);
            offset += count;
        }

        if (offset != parameters.Length)
        {
            throw new InvalidOperationException($"TorchSharp's model has {offset} parameters, StaticNet's {parameters.Length}.");
        }
    }
}

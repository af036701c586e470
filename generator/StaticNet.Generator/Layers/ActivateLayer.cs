using System.Collections.Generic;
using StaticNet.Generator.Activations;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers;

/// <summary>
/// An activation as a layer of its own (<c>nn.Tanh()</c> as a module), on flat, image or sequence values: its values are its input's, then the activation
/// the emitters apply to every layer's output, so its own code only copies them forward and the gradient back. No
/// parameters but a PReLU's slopes (its <c>weight</c> tensor, as <c>nn.PReLU</c>'s).
/// </summary>
internal sealed record ActivateLayerPlan(int Number, string Description, Shape Shape, int Offset, ActivationKind Activation, float Slope)
    : LayerPlan(Number, Description, Shape, Shape, Offset, 0, Offset, 0, 0)
{
    public override string Kind => "Activate";

    public override bool HasActivation => true;

    public override bool IsActivationModule => true;

    public override ActivationKind Activation { get; } = Activation;

    public override float Slope { get; } = Slope;

    /// <summary>On a sequence each step is activated on its own, so a streaming step applies it to the one step.</summary>
    protected override StepRole StatelessStepRole => InputShape.IsSequence ? StepRole.PerStep : StepRole.AsInForward;

    public override void WriteForward(CodeWriter code, string input, string output, bool fuse = false) =>
        code.Line($"{input}.CopyTo({output}); // the activation follows, in place");

    public override void WriteBackward(CodeWriter code, string input, string gradient, string inputGradients) =>
        code.Line(inputGradients == LayerCalls.NoGradients ? "// Nothing to do: no parameters." : $"{gradient}.CopyTo({inputGradients});");

    /// <summary>The layer's number alone: its activation's nodes follow (written by the unit).</summary>
    public override void WriteOnnx(CodeWriter writer, bool streaming) => writer.Line(Onnx.BeginLayer);

    /// <summary>None of its own: its only parameters, a PReLU's slopes, are named as every layer's are (<see cref="TensorLayout"/>).</summary>
    public override IEnumerable<TensorLayout.Tensor> Tensors(string module) => [];

    /// <summary>Only a PReLU's slopes, which start at 0.25.</summary>
    public override void WriteInitialization(CodeWriter writer, LayerPlan activated) => WriteSlopeInitialization(writer);
}

/// <summary><c>[Activate(Activation.Tanh)]</c>, with <c>Slope</c> for LeakyReLU.</summary>
internal sealed record ActivateDeclaration(Argument<int> Activation, Argument<float>? Slope, LocationInfo? Location)
    : LayerDeclaration("Activate", Location)
{
    public static LayerDeclaration Read(AttributeArguments arguments, LocationInfo? location) =>
        new ActivateDeclaration(arguments.Int(0, (int)ActivationKind.Identity), arguments.NamedFloat("Slope"), location);

    public override bool TakesSequences => true;

    /// <summary>
    /// A defined activation (SN0015) on a flat, image or sequence value (every step alike: not yet softmax or PReLU,
    /// SN0056); PReLU reserves one slope per feature or channel.
    /// </summary>
    public override Shape Plan(NetworkPlanner planner, Shape input)
    {
        ActivationUnit activation = planner.CheckActivation(Activation, Slope);
        if (input.IsSequence && !activation.TakesSequences)
        {
            planner.Report(DiagnosticDescriptors.NotYetOnSequences, Location, "Activate", $"Activation.{activation.Kind}");
            return input;
        }

        float slope = Slope?.Value ?? 0.01f;
        int planes = input.IsFlat ? (int)System.Math.Min(input.Size, int.MaxValue) : input.Channels;
        int offset = planner.ReserveParameters(activation.LearnsSlopes ? planes : 0);
        string described = NetworkPlanner.Describe("Activate", "", activation, slope).Replace("(, ", "(");
        planner.AddIfSized(new ActivateLayerPlan(planner.NextNumber, described, input, offset, activation.Kind, slope));
        return input;
    }
}

using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// Writes the members of a network object: its own parameters (and state, with batch normalisation; and, where the
/// network has <c>ForwardPacked</c>, the packed copy its inference reads), constructors, <c>Predict</c>, <c>Step</c> for
/// networks that stream, and the explicit <c>INetwork</c> implementation the trainer uses.
/// </summary>
internal static class InstanceApiEmitter
{
    public const string Interface = "global::StaticNet.INetwork";

    /// <summary>What network objects of networks that stream implement instead (it extends <see cref="Interface"/>).</summary>
    private const string StepInterface = "global::StaticNet.IStepNetwork";

    /// <summary>What network objects of networks that train on windows continuing streams implement (it extends <see cref="StepInterface"/>).</summary>
    private const string StreamingInterface = "global::StaticNet.IStreamingNetwork";

    /// <summary>The most derived of the interfaces a network object implements.</summary>
    public static string InterfaceOf(NetworkPlan plan) =>
        plan.TrainsFromStates ? StreamingInterface : plan.CanStream ? StepInterface : Interface;

    public static void Emit(CodeWriter writer, NetworkPlan plan)
    {
        string name = CSharpName.Identifier(plan.Target.Type.Name);
        string state = StateSpan.Argument(plan, "State");
        string parameters = ParameterArray(plan);
        string inference = plan.HasPackedForm ? $"{CurrentPackedCopy}()" : parameters;
        if (plan.HasPackedForm)
        {
            WritePackedCopy(writer);
        }
        else
        {
            writer.Line("/// <summary>This network's parameters: length <see cref=\"ParameterCount\"/>, laid out as the <c>LayerN</c> offsets say.</summary>");
            writer.MemberLine("public float[] Parameters { get; }");
            writer.Line();
        }

        if (plan.HasState)
        {
            writer.Line("/// <summary>This network's running statistics: length <see cref=\"StateCount\"/>, updated by training steps, used by <c>Predict</c>.</summary>");
            writer.MemberLine("public float[] State { get; }");
            writer.Line();
        }

        writer.Line("/// <summary>A network with fresh parameters from <see cref=\"Initialize\"/>.</summary>");
        writer.Line("/// <param name=\"seed\">Seed of the initial weights: the same seed gives the same network.</param>");
        writer.Member($"public {name}(int seed)");
        writer.Line($"{parameters} = new float[ParameterCount];");
        writer.Line($"Initialize({parameters}, seed);");
        WriteFreshState(writer, plan);
        WritePacking(writer, plan);
        writer.Close();
        writer.Line();
        writer.Line(plan.HasState
            ? "/// <summary>A network with a copy of <paramref name=\"parameters\"/> and fresh running statistics.</summary>"
            : "/// <summary>A network with a copy of <paramref name=\"parameters\"/>.</summary>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">The span has the wrong length.</exception>");
        writer.Member($"public {name}({RuntimeCalls.ReadOnlySpan} parameters)");
        writer.Line($"{RuntimeCalls.SpanGuard}.Length(parameters.Length, ParameterCount, \"parameters\");");
        writer.Line($"{parameters} = parameters.ToArray();");
        WriteFreshState(writer, plan);
        WritePacking(writer, plan);
        writer.Close();
        writer.Line();
        if (plan.HasState)
        {
            writer.Line("/// <summary>A network with copies of <paramref name=\"parameters\"/> and <paramref name=\"state\"/>.</summary>");
            writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
            writer.Member($"public {name}({RuntimeCalls.ReadOnlySpan} parameters, {RuntimeCalls.ReadOnlySpan} state)");
            writer.Line($"{RuntimeCalls.SpanGuard}.Length(parameters.Length, ParameterCount, \"parameters\");");
            writer.Line($"{RuntimeCalls.SpanGuard}.Length(state.Length, StateCount, \"state\");");
            writer.Line($"{parameters} = parameters.ToArray();");
            writer.Line("State = state.ToArray();");
            WritePacking(writer, plan);
            writer.Close();
            writer.Line();
        }

        string forward = plan.HasPackedForm ? "ForwardPacked" : "Forward";
        writer.Line(plan.HasPackedForm
            ? "/// <summary>Runs the network on one sample with this object's parameters, through their packed copy (<c>ForwardPacked</c>'s bits). Allocation-free.</summary>"
            : "/// <summary>Runs the network on one sample with this object's parameters. Allocation-free.</summary>");
        writer.MemberLine($"public void Predict({RuntimeCalls.ReadOnlySpan} input, {RuntimeCalls.Span} output) => {forward}({inference}, {state}input, output);");
        writer.Line();
        writer.Line("/// <summary>Runs the network on one sample and returns a new array of its outputs.</summary>");
        writer.Member($"public float[] Predict({RuntimeCalls.ReadOnlySpan} input)");
        writer.Line("float[] output = new float[OutputSize];");
        writer.Line($"{forward}({inference}, {state}input, output);");
        writer.Line("return output;");
        writer.Close();
        writer.Line();
        string forwardBatch = plan.HasPackedForm ? "ForwardBatchPacked" : "ForwardBatch";
        writer.Line("/// <summary>");
        writer.Line(plan.HasPackedForm
            ? "/// Runs the network on a batch of samples with this object's parameters, through their packed copy"
            : "/// Runs the network on a batch of samples with this object's parameters");
        writer.Line($"/// (<c>{forwardBatch}</c>'s bits). Allocation-free once warm.");
        writer.Line("/// </summary>");
        writer.Line($"/// <param name=\"inputs\">The samples one after another: a positive multiple of <see cref=\"InputSize\"/> values.</param>");
        writer.Line("/// <param name=\"outputs\">Receives <see cref=\"OutputSize\"/> outputs per sample, in the same order.</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        writer.MemberLine($"public void PredictBatch({RuntimeCalls.ReadOnlySpan} inputs, {RuntimeCalls.Span} outputs) => {forwardBatch}({inference}, {state}inputs, outputs);");
        writer.Line();
        if (plan.CanStream)
        {
            WriteStep(writer, plan, inference);
        }

        WriteSaveAndLoad(writer, plan, name);
        writer.Line();
        WriteInterface(writer, plan, inference);
    }

    /// <summary>The private field that holds the parameters of a network with a packed copy (its getter counts hand-outs).</summary>
    private const string PackedParameterArray = "parameterArray";

    /// <summary>The private field that holds the packed copy.</summary>
    private const string PackedCopyField = "packedCopy";

    /// <summary>The private method that gives the packed copy, packing it again first when the parameters were handed out since.</summary>
    private const string CurrentPackedCopy = "CurrentPackedCopy";

    /// <summary>What the object's own code writes and reads the parameters through: the field behind a counting getter, or the property.</summary>
    private static string ParameterArray(NetworkPlan plan) => plan.HasPackedForm ? PackedParameterArray : "Parameters";

    /// <summary>
    /// The parameters of a network with a packed form: a getter that counts each hand-out of the array as a possible
    /// change, the packed copy, and the method inference calls to get it current.
    /// </summary>
    private static void WritePackedCopy(CodeWriter writer)
    {
        writer.Line("/// <summary>");
        writer.Line("/// This network's parameters: length <see cref=\"ParameterCount\"/>, laid out as the <c>LayerN</c> offsets say.");
        writer.Line("/// <c>Predict</c> and <c>Step</c> read a packed copy (<c>PackParameters</c>), which this getter marks out of date:");
        writer.Line("/// their next call packs it again first (about as long as copying the parameters). Writing through a reference");
        writer.Line("/// kept from before that call is not seen: get the property again after writing.");
        writer.Line("/// </summary>");
        writer.Member("public float[] Parameters");
        writer.Open("get");
        writer.Line($"{PackedCopyField}.HandOut();");
        writer.Line($"return {PackedParameterArray};");
        writer.Close();
        writer.Close();
        writer.Line();
        writer.Line("/// <summary>The parameters, read and written by this object's own members without marking the packed copy out of date.</summary>");
        writer.MemberLine($"private readonly float[] {PackedParameterArray};");
        writer.Line();
        writer.Line("/// <summary>The packed copy <c>Predict</c> and <c>Step</c> read, from a 64-byte boundary.</summary>");
        writer.MemberLine($"private readonly global::StaticNet.Runtime.PackedCopy {PackedCopyField} = new global::StaticNet.Runtime.PackedCopy(ParameterCount);");
        writer.Line();
        writer.Line("/// <summary>The packed copy, packed again first if the parameters were handed out since it was made.</summary>");
        writer.Member($"private {RuntimeCalls.ReadOnlySpan} {CurrentPackedCopy}()");
        writer.Open($"if (!{PackedCopyField}.IsCurrent(out int version))");
        writer.Line($"PackParameters({PackedParameterArray}, {PackedCopyField}.Span);");
        writer.Line($"{PackedCopyField}.Packed(version);");
        writer.Close();
        writer.Line();
        writer.Line($"return {PackedCopyField}.Span;");
        writer.Close();
        writer.Line();
    }

    /// <summary>Packs the copy at the end of a constructor, so that the first <c>Predict</c> runs at full speed.</summary>
    private static void WritePacking(CodeWriter writer, NetworkPlan plan)
    {
        if (plan.HasPackedForm)
        {
            writer.Line($"{CurrentPackedCopy}(); // packed now, so that the first Predict or Step runs at full speed");
        }
    }

    /// <summary>The instance <c>Step</c>: the static one with this object's parameters (their packed copy where there is one).</summary>
    private static void WriteStep(CodeWriter writer, NetworkPlan plan, string inference)
    {
        writer.Line("/// <summary>");
        writer.Line(plan.HasPackedForm
            ? "/// Runs one time step with this object's parameters, through their packed copy (<c>StepPacked</c>'s bits): advances"
            : "/// Runs one time step with this object's parameters (<c>Step</c>'s bits): advances");
        writer.Line("/// <paramref name=\"state\"/> by the step <paramref name=\"input\"/> and writes the step's output. Allocation-free.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"state\">The stream's state (<c>StreamStateCount</c> values, from <c>ResetState</c>), updated in place.</param>");
        writer.Line("/// <param name=\"input\">One step: <c>StepInputSize</c> values.</param>");
        writer.Line("/// <param name=\"output\">Receives the step's <c>StepOutputSize</c> outputs.</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        string step = plan.HasPackedForm ? "StepPacked" : "Step";
        writer.MemberLine($"public void Step({RuntimeCalls.Span} state, {RuntimeCalls.ReadOnlySpan} input, {RuntimeCalls.Span} output) => {step}({inference}, state, input, output);");
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line($"/// Runs any number of time steps at once with this object's parameters (<c>{step.Replace("Step", "StepBlock")}</c>'s bits, those of a");
        writer.Line($"/// <c>{step}</c> per step): advances <paramref name=\"state\"/> by the steps in <paramref name=\"inputs\"/> and writes each step's output. Allocation-free.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"state\">The stream's state (<c>StreamStateCount</c> values, from <c>ResetState</c>), updated in place.</param>");
        writer.Line("/// <param name=\"inputs\">The steps one after another: a positive multiple of <c>StepInputSize</c> values.</param>");
        writer.Line("/// <param name=\"outputs\">Receives <c>StepOutputSize</c> outputs per step.</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        writer.MemberLine($"public void StepBlock({RuntimeCalls.Span} state, {RuntimeCalls.ReadOnlySpan} inputs, {RuntimeCalls.Span} outputs) => {step.Replace("Step", "StepBlock")}({inference}, state, inputs, outputs);");
        writer.Line();
    }

    private static void WriteFreshState(CodeWriter writer, NetworkPlan plan)
    {
        if (plan.HasState)
        {
            writer.Line("State = new float[StateCount];");
            writer.Line("InitializeState(State);");
        }
    }

    private static void WriteSaveAndLoad(CodeWriter writer, NetworkPlan plan, string name)
    {
        string saved = plan.HasState ? "parameters and running statistics" : "parameters";
        string arguments = plan.HasState ? $"{ParameterArray(plan)}, State" : ParameterArray(plan);
        string loaded = plan.HasState ? "parameters, state" : "parameters";
        writer.Line($"/// <summary>Saves this network's {saved} as a weight file.</summary>");
        writer.MemberLine($"public void Save(string path) => SaveWeights(path, {arguments});");
        writer.Line();
        writer.Line($"/// <summary>Writes this network's {saved} as a weight file to <paramref name=\"stream\"/>.</summary>");
        writer.MemberLine($"public void Save(global::System.IO.Stream stream) => SaveWeights(stream, {arguments});");
        writer.Line();
        writer.Line("/// <summary>Writes this network as an ONNX model to a file at <paramref name=\"path\"/>.</summary>");
        writer.MemberLine($"public void ToOnnx(string path) => ToOnnx({arguments}, path);");
        writer.Line();
        writer.Line("/// <summary>Writes this network as an ONNX model to <paramref name=\"stream\"/>.</summary>");
        writer.MemberLine($"public void ToOnnx(global::System.IO.Stream stream) => ToOnnx({arguments}, stream);");
        writer.Line();
        writer.Line($"/// <summary>A network with the {saved} of the weight file at <paramref name=\"path\"/>; see <see cref=\"LoadWeights(string, global::System.Span{{float}}{(plan.HasState ? ", global::System.Span{float}" : "")})\"/>.</summary>");
        writer.Member($"public static {name} Load(string path)");
        DeclareLoadBuffers(writer, plan);
        writer.Line($"LoadWeights(path, {loaded});");
        writer.Line($"return new {name}({loaded});");
        writer.Close();
        writer.Line();
        writer.Line($"/// <summary>A network with the {saved} of the weight file read from <paramref name=\"stream\"/>.</summary>");
        writer.Member($"public static {name} Load(global::System.IO.Stream stream, string source = \"stream\")");
        DeclareLoadBuffers(writer, plan);
        writer.Line($"LoadWeights(stream, {loaded}, source);");
        writer.Line($"return new {name}({loaded});");
        writer.Close();
    }

    private static void DeclareLoadBuffers(CodeWriter writer, NetworkPlan plan)
    {
        writer.Line("float[] parameters = new float[ParameterCount];");
        if (plan.HasState)
        {
            writer.Line("float[] state = new float[StateCount];");
        }
    }

    private static void WriteInterface(CodeWriter writer, NetworkPlan plan, string inference)
    {
        string state = StateSpan.Argument(plan, "State");
        string parameters = ParameterArray(plan);
        string forward = plan.HasPackedForm ? "ForwardPacked" : "Forward";
        string random = plan.HasDropout ? ", ref random" : "";
        writer.MemberLine($"int {Interface}.InputSize => InputSize;");
        writer.Line();
        writer.MemberLine($"global::StaticNet.SampleShape {Interface}.InputShape => InputShape;");
        writer.Line();
        writer.MemberLine($"int {Interface}.OutputSize => OutputSize;");
        writer.Line();
        writer.MemberLine($"string {Interface}.Architecture => Architecture;");
        writer.Line();
        writer.MemberLine($"global::StaticNet.Loss {Interface}.Loss => global::StaticNet.Loss.{(plan.HasHeads ? plan.Heads[0].Loss : plan.Loss)};");
        writer.Line();
        writer.MemberLine($"global::System.Collections.Generic.IReadOnlyList<global::StaticNet.OutputHead> {Interface}.Heads => outputHeads;");
        writer.Line();
        writer.Line("/// <summary>The outputs as <see cref=\"global::StaticNet.INetwork.Heads\"/> lists them, made once.</summary>");
        writer.MemberLine("private static readonly global::StaticNet.OutputHead[] outputHeads = new global::StaticNet.OutputHead[]");
        writer.Line("{");
        foreach (HeadPlan head in plan.Heads)
        {
            LossKind loss = plan.HasHeads ? head.Loss : plan.Loss;
            writer.Line($"    new global::StaticNet.OutputHead({CSharpName.StringLiteral(head.Name)}, {head.Offset}, {head.Size}, global::StaticNet.Loss.{loss}, {RuntimeCalls.Float(head.Weight)}),");
        }

        writer.Line("};");
        writer.Line();
        writer.MemberLine($"float[] {Interface}.State => {(plan.HasState ? "State" : "global::System.Array.Empty<float>()")};");
        writer.Line();
        writer.MemberLine($"global::System.Collections.Generic.IReadOnlyList<global::StaticNet.Storage.TensorSlot> {Interface}.TensorSlots => TensorSlots;");
        writer.Line();
        writer.MemberLine($"void {Interface}.Forward({RuntimeCalls.ReadOnlySpan} input, {RuntimeCalls.Span} output) => {forward}({inference}, {state}input, output);");
        writer.Line();
        writer.MemberLine($"void {Interface}.ForwardBatch({RuntimeCalls.ReadOnlySpan} inputs, {RuntimeCalls.Span} outputs) => PredictBatch(inputs, outputs);");
        writer.Line();
        writer.MemberLine($"float {Interface}.Backward({RuntimeCalls.ReadOnlySpan} input, {RuntimeCalls.ReadOnlySpan} target, {RuntimeCalls.Span} parameterGradients, {RuntimeCalls.Span} inputGradients) =>");
        writer.Line($"    Backward({parameters}, {state}input, target, parameterGradients, inputGradients);");
        writer.Line();
        writer.MemberLine($"float {Interface}.Backward({RuntimeCalls.ReadOnlySpan} input, {RuntimeCalls.ReadOnlySpan} target, {RuntimeCalls.Span} parameterGradients, {RuntimeCalls.Span} inputGradients, ref global::StaticNet.Training.SeededRandom random) =>");
        writer.Line($"    Backward({parameters}, {state}input, target, parameterGradients, inputGradients{random});");
        writer.Line();
        writer.MemberLine($"float {Interface}.BackwardBatch({RuntimeCalls.ReadOnlySpan} inputs, {RuntimeCalls.ReadOnlySpan} targets, {RuntimeCalls.Span} parameterGradients, {RuntimeCalls.Span} outputs, ref global::StaticNet.Training.SeededRandom random) =>");
        writer.Line($"    BackwardBatch({parameters}, {state}inputs, targets, parameterGradients, outputs{random});");
        if (plan.CanStream)
        {
            WriteStepInterface(writer);
        }

        if (plan.TrainsFromStates)
        {
            WriteStreamingInterface(writer, plan);
        }
    }

    /// <summary>The interface a network object of a network that streams also has: the stream's sizes, parts and reset (the instance <c>Step</c> is already public).</summary>
    private static void WriteStepInterface(CodeWriter writer)
    {
        writer.Line();
        writer.MemberLine($"int {StepInterface}.StreamStateCount => StreamStateCount;");
        writer.Line();
        writer.MemberLine($"int {StepInterface}.StepInputSize => StepInputSize;");
        writer.Line();
        writer.MemberLine($"int {StepInterface}.StepOutputSize => StepOutputSize;");
        writer.Line();
        writer.MemberLine($"global::System.Collections.Generic.IReadOnlyList<global::StaticNet.Storage.TensorSlot> {StepInterface}.StreamStateSlots => StreamStateSlots;");
        writer.Line();
        writer.MemberLine($"void {StepInterface}.ResetState({RuntimeCalls.Span} state) => ResetState(state);");
    }

    /// <summary>The interface a network object of a network that trains on windows continuing streams also has: that training step.</summary>
    private static void WriteStreamingInterface(CodeWriter writer, NetworkPlan plan)
    {
        string random = plan.HasDropout ? ", ref random" : "";
        writer.Line();
        writer.MemberLine($"float {StreamingInterface}.BackwardBatchFromStates({RuntimeCalls.Span} states, {RuntimeCalls.ReadOnlySpan} inputs, {RuntimeCalls.ReadOnlySpan} targets, {RuntimeCalls.Span} parameterGradients, {RuntimeCalls.Span} outputs, ref global::StaticNet.Training.SeededRandom random) =>");
        writer.Line($"    BackwardBatchFromStates({ParameterArray(plan)}, states, inputs, targets, parameterGradients, outputs{random});");
    }
}

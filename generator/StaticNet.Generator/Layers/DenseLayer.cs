using System.Collections.Generic;
using System.Linq;
using System.Globalization;
using StaticNet.Generator.Activations;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers;

/// <summary>A dense layer, unrolled into straight-line code or looped over constant bounds through <c>DenseKernels</c>.</summary>
internal sealed record DenseLayerPlan(
    int Number,
    string Description,
    Shape InputShape,
    Shape OutputShape,
    int WeightOffset,
    int BiasOffset,
    ActivationKind Activation,
    float Slope,
    bool Unrolled,
    bool HasBias = true)
    : LayerPlan(
        Number, Description, InputShape, OutputShape, WeightOffset, (int)(InputShape.Size * OutputShape.Size),
        BiasOffset, HasBias ? (int)OutputShape.Size : 0, InputShape.Size * OutputShape.Size),
    ILaneLayer,
    IUnrollableLayer,
    IPackingLayer
{
    /// <summary>Terms per line in long unrolled sums.</summary>
    private const int TermsPerLine = 8;

    private const string MathF = "global::System.MathF";

    public override bool HasActivation => true;

    public override ActivationKind Activation { get; } = Activation;

    public override float Slope { get; } = Slope;

    public override bool Unrolled { get; } = Unrolled;

    public int Inputs => (int)InputShape.Size;

    public int Outputs => (int)OutputShape.Size;

    /// <summary><c>TransposeOf</c>: the weights are another dense layer's <c>[Inputs, Outputs]</c>, used transposed.</summary>
    public bool Transposed { get; init; }

    public override string Kind => "Dense";

    /// <summary>
    /// Whether the packed copy keeps this weight block whole, never in panels: a <c>TransposeOf</c> layer reads it, or a
    /// layer reading it is unrolled (its code indexes the weights one by one, in PyTorch's layout or transposed).
    /// </summary>
    public bool KeptWhole { get; init; }

    public override string WeightRole => (Transposed, PackedWeights && PackedBlock) switch
    {
        (true, false) => $" [{Inputs}, {Outputs}] row-major, layer {WeightOwner}'s, used transposed",
        (true, true) => $" [{Outputs}, {Inputs}] row-major, layer {WeightOwner}'s packed transpose",
        (false, true) => $" [{Inputs}, {Outputs}] row-major, packed" + (WeightOwner is { } owner ? $", layer {owner}'s" : ""),
        _ => $" [{Outputs}, {Inputs}] row-major" + (WeightOwner is { } owner ? $", layer {owner}'s" : ""),
    };

    /// <summary>
    /// Whether the weights this code reads are stored <c>[Inputs, Outputs]</c>: a <c>TransposeOf</c> layer's, or a packed
    /// copy's (which turns a <c>TransposeOf</c> layer's back the other way).
    /// </summary>
    private bool StoredTransposed => Transposed != (PackedWeights && PackedBlock);

    /// <summary>
    /// Weight matrices up to this size are packed: they stay in L1, where N3's 16 -> 32 and 32 -> 32 layers gained
    /// from it; N2's 784 -> 128 layer, streamed from L2 a column block at a time, took 6.2 us packed against 4.5 us.
    /// </summary>
    public const int PackedWeightLimit = 8192;

    /// <summary>The outputs of one panel, and what a panelled layer's outputs are a multiple of, as <c>DensePanels</c> has them.</summary>
    private const int PanelWidth = 64, PanelOutputMultiple = 16;

    /// <summary>
    /// Whether this weight block is transposed in the packed copy (the same for its owner and its users: same block).
    /// The broadcast kernel fills vectors of the owner's outputs; with fewer than eight it would be a scalar loop,
    /// and the row-by-row dot products of the usual layout win, unless the layer is unrolled and small enough to hold
    /// all its sums in one vector (<see cref="SumsInOneVector"/>).
    /// </summary>
    private bool PackedBlock => WeightCount <= PackedWeightLimit
        && ((Transposed ? Inputs : Outputs) >= 8 || (SumsInOneVector && !Transposed && WeightOwner is null && !SharedBlock));

    /// <summary>
    /// Whether <c>ForwardPacked</c> sums this unrolled layer's outputs in one vector, from weights stored
    /// <c>[Inputs, Outputs]</c>: the biases, plus each input times its column of weights, grouped as <c>Forward</c> groups
    /// its sums, so the same bits. Up to eight outputs fill one 128- or 256-bit vector; each input costs one broadcast,
    /// multiply and add for all of them instead of one of each per output (N1 4 -> 6 -> 2: 16.0 -> 12.5 ns). A block another
    /// layer reads too (<see cref="SharedBlock"/>) keeps PyTorch's layout below eight outputs, as before.
    /// </summary>
    private bool SumsInOneVector => Unrolled && Inputs < 16 && Outputs is >= 2 and <= 8;

    /// <summary>Whether another dense layer reads this layer's weights (<c>Shares</c>, <c>TransposeOf</c>).</summary>
    public bool SharedBlock { get; init; }

    /// <summary>The network's parameter count: how far a vector load may read past this layer's own block.</summary>
    public int NetworkParameterCount { get; init; }

    /// <summary>
    /// Whether this weight block is in panels in the packed copy (<c>DensePanels</c>: for each 64 outputs, their weights
    /// <c>[Inputs, 64]</c>): a matrix too large for the transposed broadcast kernel, whose outputs fill whole 512-bit
    /// vectors. Each input scales a panel's outputs without horizontal sums, one weight load serving four samples in a
    /// batch: N2's 784 -> 128 layer 3.1-3.9 us per sample against 4.2-7.0 with the rows, 79-82 us per 64 samples
    /// against 92-97 (80 in slices of 64 inputs, four samples a block). Not for a block kept whole (<see cref="KeptWhole"/>).
    /// </summary>
    private bool PanelBlock => !Transposed && !KeptWhole && WeightCount > PackedWeightLimit && Outputs % PanelOutputMultiple == 0;

    /// <summary>Where weight (row <paramref name="row"/>, column <paramref name="column"/>) of <c>W</c> in <c>y = W x + b</c> lies.</summary>
    private int Weight(int row, int column) => StoredTransposed ? (column * Outputs) + row : (row * Inputs) + column;

    /// <summary>The kernel class and method that multiply by the weights as this code reads them.</summary>
    private string Kernel(string name) =>
        PackedWeights && PanelBlock ? $"{RuntimeCalls.DensePanels}.{name}"
        : StoredTransposed ? $"{RuntimeCalls.DenseKernels}.{name}Transposed"
        : $"{RuntimeCalls.DenseKernels}.{name}";

    /// <summary>A layer with weights of its own keeps them <c>[Inputs, Outputs]</c>, or in panels, in the packed copy.</summary>
    public bool PacksWeights => WeightOwner is null && (PackedBlock || PanelBlock);

    /// <summary>A looped layer reading packed weights of its own (or shared) layout gets the broadcast kernel; a panelled one, the panel kernels.</summary>
    public bool GainsFromPacking => (PackedBlock && !Transposed && (!Unrolled || SumsInOneVector)) || PanelBlock;

    public void WritePacking(CodeWriter code) =>
        code.Line(PanelBlock
            ? $"{RuntimeCalls.DensePanels}.Pack(parameters.Slice(Layer{Number}.WeightOffset, Layer{Number}.WeightCount), "
                + $"packed.Slice(Layer{Number}.WeightOffset, Layer{Number}.WeightCount), outputs: {Outputs}, inputs: {Inputs});"
            : $"{RuntimeCalls.DenseKernels}.Transpose(parameters.Slice(Layer{Number}.WeightOffset, Layer{Number}.WeightCount), "
                + $"packed.Slice(Layer{Number}.WeightOffset, Layer{Number}.WeightCount), rows: {Outputs}, columns: {Inputs});");

    /// <summary>A panel's weights are its outputs' rows transposed; a packed block's, the whole matrix transposed.</summary>
    public int PackedSource(int index)
    {
        if (!PanelBlock)
        {
            return PackingOrder.Transposed(index, Outputs, Inputs);
        }

        int start = index / (PanelWidth * Inputs) * PanelWidth;
        int block = start * Inputs;
        return block + PackingOrder.Transposed(index - block, System.Math.Min(PanelWidth, Outputs - start), Inputs);
    }

    /// <summary>Learns whether the packed copy keeps this layer's weight block whole (<see cref="KeptWhole"/>).</summary>
    public override LayerPlan Settled(IReadOnlyList<LayerPlan> network) =>
        this with
        {
            KeptWhole = network.Any(layer => layer is DenseLayerPlan reader && reader.WeightOffset == WeightOffset && (reader.Transposed || reader.Unrolled)),
            SharedBlock = network.Any(layer => layer is DenseLayerPlan reader && reader.Number != Number && reader.WeightOffset == WeightOffset),
            NetworkParameterCount = (int)System.Math.Min(network.Sum(layer => (long)layer.ParameterCount), int.MaxValue),
        };

    public override bool ReusesWeightsAcrossSamples => true;

    public override bool BatchKernelBeatsSampleLoop => !Unrolled && !Transposed;

    /// <summary>
    /// The kernels apply ReLU, tanh or sigmoid to each block of sums before it leaves the registers: at batch 1 that
    /// saves a call, a store and a reload between the product and the activation (N3's <c>ForwardPacked</c> 93 -> 66 ns
    /// with the weights stored <c>[Inputs, Outputs]</c>, its <c>Forward</c> 177 -> 1xx ns with PyTorch's layout).
    /// </summary>
    public override bool FusesActivation => Unit.FusedKernel(this) is not null;

    public override void WriteForward(CodeWriter code, string input, string output, bool fuse = false)
    {
        code.Line($"{Kernel("Forward")}{(fuse ? Unit.FusedKernel(this) : "")}(");
        code.Line($"    {LayerCalls.Weights(Number)}, {BiasValues(Outputs)},");
        code.Line($"    {input}, {output});");
    }

    /// <summary>
    /// The whole batch in one kernel call, which reuses each weight for several samples. Weights stored transposed,
    /// <c>[Inputs, Outputs]</c>, are one panel where the outputs fill one to four 512-bit vectors (N2's 128 -> 64 layer
    /// in its packed copy); otherwise their kernel takes a few outputs four samples at a time (N2's 64 -> 10).
    /// </summary>
    public override void WriteForwardBatch(CodeWriter code, string inputs, string outputs)
    {
        bool onePanel = StoredTransposed && Outputs <= PanelWidth && Outputs % PanelOutputMultiple == 0;
        code.Line($"{(onePanel ? RuntimeCalls.DensePanels + ".ForwardBatch" : Kernel("ForwardBatch"))}(");
        code.Line($"    {LayerCalls.Weights(Number)}, {BiasValues(Outputs)},");
        code.Line($"    {inputs}, {outputs});");
    }

    public override void WriteBackward(CodeWriter code, string input, string gradient, string inputGradients)
    {
        code.Line($"{Kernel("Backward")}({LayerCalls.Weights(Number)}, {input}, {gradient},");
        code.Line($"    {LayerCalls.WeightGradients(Number)}, {BiasGradientTarget(Outputs)}, {inputGradients});");
    }

    /// <summary>The batch's weight gradients summed in registers by one kernel call.</summary>
    public override void WriteBackwardBatch(CodeWriter code, string inputs, string gradients, string inputGradients)
    {
        if (Transposed)
        {
            base.WriteBackwardBatch(code, inputs, gradients, inputGradients);
            return;
        }

        code.Line($"{RuntimeCalls.DenseKernels}.BackwardBatch({LayerCalls.Weights(Number)}, {inputs}, {gradients},");
        code.Line($"    {LayerCalls.WeightGradients(Number)}, {BiasGradientTarget(Outputs)}, {inputGradients});");
    }

    /// <summary>
    /// <c>Gemm</c> with the weights <c>[outputs, inputs]</c> transposed (<c>transB</c>), or a <c>TransposeOf</c> layer's
    /// <c>[inputs, outputs]</c> as they are; a layer without biases is exported with zero ones.
    /// </summary>
    public override void WriteOnnx(CodeWriter writer, bool streaming)
    {
        string weights = Transposed
            ? Onnx.Initializer("weight", LayerCalls.Weights(Number), Inputs, Outputs)
            : Onnx.Initializer("weight", LayerCalls.Weights(Number), Outputs, Inputs);
        writer.Line(Onnx.BeginLayer);
        Onnx.WriteNode(writer, "Gemm", null, ["graph.Current", weights, Onnx.Initializer("bias", BiasValues(Outputs), Outputs)], [Outputs],
            Onnx.Int("transB", Transposed ? 0 : 1));
    }

    /// <summary>He or Xavier by the activation that follows, biases zero (see <see cref="LayerPlan.WriteWeightInitialization"/>).</summary>
    public override void WriteInitialization(CodeWriter writer, LayerPlan activated) => WriteWeightInitialization(writer, activated, (Inputs, Outputs));

    /// <summary><c>nn.Linear</c>: weight <c>[out, in]</c>, then bias unless <c>bias=False</c>.</summary>
    public override IEnumerable<TensorLayout.Tensor> Tensors(string module)
    {
        if (WeightOwner is null)
        {
            yield return new($"{module}.weight", Number, "weights", $"{Outputs}, {Inputs}", false, WeightOffset, WeightCount);
        }

        if (HasBias && BiasOwner is null)
        {
            yield return new($"{module}.bias", Number, "biases", $"{Outputs}", false, BiasOffset, BiasCount);
        }
    }

    /// <summary>
    /// Inputs held in a span, at least a 512-bit vector of them: the kernel's vector dot products beat the unrolled code,
    /// which would load each input into a local and sum Inputs scalar products per output (N3's 32 -> 1 output layer:
    /// 78 -> 69 ns for the whole network). Inputs already in locals (an unrolled layer's outputs) stay unrolled.
    /// </summary>
    public bool LoopsInferenceOver(LayerValues input) => !input.InLocals && Inputs >= 16;

    public LayerValues WriteForward(MethodBody body, LayerValues input, int? outputOffset)
    {
        bool isOutput = outputOffset is not null;
        int offset = outputOffset ?? 0;
        CodeWriter code = body.Code;
        int n = Number;
        code.Line(CodeComment);
        System.Func<int, string> target = isOutput ? i => $"output[{offset + i}]" : i => $"float a{n}_{i}";
        if (PackedWeights && PackedBlock && !Transposed && SumsInOneVector)
        {
            // The inputs stay where they are: a vector broadcasts each straight from memory.
            code.Line(WeightComment);
            WriteSumsInOneVector(code, input, target);
        }
        else
        {
            body.EnsureLocals(input);
            DeclareParameters(code);
            Unit.WriteUnrolled(code, this, Outputs, i => WeightedSum(input, i), target, keepSums: false);
        }

        return isOutput ? LayerValues.Span("output", Outputs) : LayerValues.Locals($"a{n}_", $"a{n}", Outputs);
    }

    public (LayerValues Outputs, LayerValues? Sums) WriteTrainingForward(MethodBody body, LayerValues input, bool keepSums)
    {
        CodeWriter code = body.Code;
        int n = Number;
        body.EnsureLocals(input);
        DeclareParameters(code);
        Unit.WriteUnrolled(code, this, Outputs, i => WeightedSum(input, i), i => $"float a{n}_{i}", keepSums);
        return (LayerValues.Locals($"a{n}_", $"a{n}", Outputs), keepSums ? LayerValues.Locals($"z{n}_", $"z{n}", Outputs) : null);
    }

    public void WriteSums(MethodBody body, LayerValues input, string destination)
    {
        body.EnsureLocals(input);
        DeclareParameters(body.Code);
        body.Allocate(destination, Outputs);
        for (int i = 0; i < Outputs; i++)
        {
            RuntimeCalls.Statement(body.Code, $"{destination}[{i}] = {WeightedSum(input, i)};");
        }
    }

    public LayerValues? WriteBackward(MethodBody body, LayerValues input, LayerValues gradient, LayerPlan? feeder, LayerValues? feederSource, string destination = "inputGradients")
    {
        CodeWriter code = body.Code;
        int n = Number;
        body.EnsureLocals(gradient);
        code.Line($"{RuntimeCalls.Span} gw{n} = parameterGradients.Slice(Layer{n}.WeightOffset, Layer{n}.WeightCount);");
        if (HasBias)
        {
            code.Line($"{RuntimeCalls.Span} gb{n} = parameterGradients.Slice(Layer{n}.BiasOffset, Layer{n}.BiasCount);");
        }

        for (int i = 0; i < Outputs; i++)
        {
            for (int j = 0; j < Inputs; j++)
            {
                code.Line($"gw{n}[{Weight(i, j)}] += {gradient.Element(i)} * {input.Element(j)};");
            }
        }

        for (int i = 0; i < Outputs && HasBias; i++)
        {
            code.Line($"gb{n}[{i}] += {gradient.Element(i)};");
        }

        if (feeder is null && destination != "inputGradients")
        {
            for (int j = 0; j < Inputs; j++)
            {
                RuntimeCalls.Statement(code, $"{destination}[{j}] = {TransposedSum(gradient, j)};");
            }

            return null;
        }

        if (feeder is null)
        {
            code.Line("if (!inputGradients.IsEmpty)");
            code.Line("{");
            for (int j = 0; j < Inputs; j++)
            {
                RuntimeCalls.Statement(code, $"    inputGradients[{j}] = {TransposedSum(gradient, j)};");
            }

            code.Line("}");
            return null;
        }

        int f = feeder.Number;
        feeder.Unit.WriteUnrolledGradient(code, feeder, feederSource!, j => TransposedSum(gradient, j), Inputs);

        return LayerValues.Locals($"g{f}_", $"g{f}", Inputs);
    }

    /// <summary>
    /// In lanes where its step is the unrolled sum of a flat value with no activation, in one chain (a sum of more terms is
    /// added in lines, whose grouping the lanes do not follow).
    /// </summary>
    public bool StepsInLanes(LayerValues input) =>
        StepRole == StepRole.AsInForward && Unrolled && !LoopsInferenceOver(input) && !Transposed && Unit.Kind == ActivationKind.Identity
        && SumIsOneChain(Inputs + (HasBias ? 1 : 0));

    public void WriteLanes(CodeWriter code, string input, string output) =>
        code.Line($"{RuntimeCalls.StreamLanes}.Dense({LayerCalls.Weights(Number)}, {(HasBias ? LayerCalls.Biases(Number) : RuntimeCalls.ReadOnlySpan + ".Empty")}, "
            + $"{input}, {output}, inputs: {Inputs});");

    /// <summary>
    /// <see cref="SumsInOneVector"/>, activated into <paramref name="target"/>: the sums in one vector where the target has
    /// <c>System.Runtime.Intrinsics</c>, activated there too where the activation has a vector form (else lane by lane
    /// once out of it); <see cref="WeightedSum"/> where not (netstandard2.1).
    /// </summary>
    private void WriteSumsInOneVector(CodeWriter code, LayerValues input, System.Func<int, string> target)
    {
        int n = Number;
        int lanes = Outputs <= 4 ? 4 : 8;
        string vector = $"global::System.Runtime.Intrinsics.Vector{lanes * 32}";
        string Load(int offset) => offset + lanes <= NetworkParameterCount
            ? $"{vector}.LoadUnsafe(ref start{n}, {offset})"
            : $"{vector}.Create({string.Join(", ", Enumerable.Range(0, lanes).Select(k => k < Outputs ? $"parameters[{offset + k}]" : "0f"))})";

        var terms = HasBias ? new List<string> { Load(BiasOffset) } : [];
        for (int j = 0; j < Inputs; j++)
        {
            terms.Add($"{Load(WeightOffset + (j * Outputs))} * {vector}.Create({input.Element(j)})");
        }

        code.Line("#if NET8_0_OR_GREATER");
        code.Line($"// All {Outputs} sums in one {lanes * 32}-bit vector: each input times its column of the packed weights, added as Forward adds them.");
        code.Line($"ref float start{n} = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(parameters);");
        List<List<string>> groups = AdditionGroups(terms);
        for (int g = 0; g < groups.Count; g++)
        {
            string name = groups.Count == 1 ? $"sums{n}" : $"sums{n}_{g}";
            code.Line($"{vector}<float> {name} = {groups[g][0]};");
            foreach (string term in groups[g].Skip(1))
            {
                code.Line($"{name} += {term};");
            }
        }

        if (groups.Count > 1)
        {
            code.Line($"{vector}<float> sums{n} = {string.Join(" + ", Enumerable.Range(0, groups.Count).Select(g => $"sums{n}_{g}"))};");
        }

        string? activated = Unit.ApplyVector(this, $"sums{n}", vector);
        if (activated is not null && activated != $"sums{n}")
        {
            code.Line($"sums{n} = {activated};");
        }

        // Lanes 4 to 7 from the upper half: one extract for them all instead of one per lane.
        if (lanes == 8)
        {
            code.Line($"global::System.Runtime.Intrinsics.Vector128<float> low{n} = {vector}.GetLower(sums{n}), high{n} = {vector}.GetUpper(sums{n});");
        }

        string Lane(int i) => lanes == 8
            ? $"global::System.Runtime.Intrinsics.Vector128.GetElement({(i < 4 ? "low" : "high")}{n}, {i % 4})"
            : $"{vector}.GetElement(sums{n}, {i})";
        for (int i = 0; i < Outputs; i++)
        {
            code.Line(activated is null ? $"float sum{n}_{i} = {Lane(i)};" : $"{target(i)} = {Lane(i)};");
        }

        code.Line("#else");
        DeclareParameters(code, comment: false);
        if (activated is null)
        {
            for (int i = 0; i < Outputs; i++)
            {
                code.Line($"float sum{n}_{i} = {WeightedSum(input, i)};");
            }
        }
        else
        {
            Unit.WriteUnrolled(code, this, Outputs, i => WeightedSum(input, i), target, keepSums: false);
        }

        code.Line("#endif");
        if (activated is null)
        {
            Unit.WriteUnrolled(code, this, Outputs, i => $"sum{n}_{i}", target, keepSums: false);
        }
    }

    /// <summary>Where the layer's weights and biases lie, and in what layout.</summary>
    private string WeightComment => $"// Weights{WeightRole} at parameters[{WeightOffset}..{WeightOffset + WeightCount}), "
        + (HasBias ? $"biases at parameters[{BiasOffset}..{BiasOffset + BiasCount})." : "no biases.");

    /// <summary>Declares the layer's weight and bias views into <c>parameters</c>.</summary>
    private void DeclareParameters(CodeWriter code, bool comment = true)
    {
        int n = Number;
        if (comment)
        {
            code.Line(WeightComment);
        }

        code.Line($"{RuntimeCalls.ReadOnlySpan} w{n} = parameters.Slice(Layer{n}.WeightOffset, Layer{n}.WeightCount);");
        if (HasBias)
        {
            code.Line($"{RuntimeCalls.ReadOnlySpan} b{n} = parameters.Slice(Layer{n}.BiasOffset, Layer{n}.BiasCount);");
        }
    }

    /// <summary><c>b[row] + sum_j w[row, j] * x_j</c>, wrapped over lines for wide layers.</summary>
    private string WeightedSum(LayerValues input, int row)
    {
        var terms = HasBias ? new List<string> { $"b{Number}[{row}]" } : [];
        for (int j = 0; j < Inputs; j++)
        {
            terms.Add($"w{Number}[{Weight(row, j)}] * {input.Element(j)}");
        }

        return Join(terms);
    }

    /// <summary><c>sum_i w[i, column] * g_i</c>: one element of <c>Wᵀ g</c>.</summary>
    private string TransposedSum(LayerValues gradient, int column)
    {
        var terms = new List<string>();
        for (int i = 0; i < Outputs; i++)
        {
            terms.Add($"w{Number}[{Weight(i, column)}] * {gradient.Element(i)}");
        }

        return Join(terms);
    }

    /// <summary>Whether <see cref="Join"/> adds this many terms in one chain, left to right (a second line of one term would shorten nothing).</summary>
    private static bool SumIsOneChain(int terms) => terms <= TermsPerLine + 1;

    /// <summary>
    /// Joins terms with " + ", a line of at most <see cref="TermsPerLine"/> terms at a time; a sum of several lines
    /// adds each line in parentheses, so the lines' sums are independent chains of adds (a 33-term sum waits for 12
    /// adds one after another instead of 32: N3's unrolled 32 -> 1 layer was one such chain).
    /// </summary>
    private static string Join(List<string> terms)
    {
        List<List<string>> groups = AdditionGroups(terms);
        return groups.Count > 1
            ? "(" + string.Join(")\n    + (", groups.Select(group => string.Join(" + ", group))) + ")"
            : string.Join("\n    + ", Lines(terms).Select(line => string.Join(" + ", line)));
    }

    /// <summary>
    /// How a sum adds its terms, which every form of it follows to give the same bits: one chain left to right, or,
    /// past <see cref="SumIsOneChain"/>, lines of <see cref="TermsPerLine"/> terms each added on its own, then the lines.
    /// </summary>
    private static List<List<string>> AdditionGroups(List<string> terms) => SumIsOneChain(terms.Count) ? [terms] : Lines(terms);

    /// <summary>The terms in lines of at most <see cref="TermsPerLine"/>.</summary>
    private static List<List<string>> Lines(List<string> terms)
    {
        var lines = new List<List<string>>();
        for (int i = 0; i < terms.Count; i += TermsPerLine)
        {
            lines.Add(terms.GetRange(i, System.Math.Min(TermsPerLine, terms.Count - i)));
        }

        return lines;
    }
}

/// <summary><c>[Dense(units, activation)]</c> with its named properties, null where not set.</summary>
internal sealed record DenseDeclaration(
    Argument<int> Units,
    Argument<int> Activation,
    Argument<float>? Slope,
    Argument<int>? InputSize,
    Argument<bool>? Bias,
    Argument<string>? Shares,
    Argument<string>? TransposeOf,
    LocationInfo? Location)
    : LayerDeclaration("Dense", Location)
{
    public override LayerDeclaration WithNames(System.Func<string, string> name, System.Func<string, string> reference) =>
        ((DenseDeclaration)base.WithNames(name, reference)) with
        {
            Shares = Shares is { } shares ? shares with { Value = reference(shares.Value) } : null,
            TransposeOf = TransposeOf is { } transposed ? transposed with { Value = reference(transposed.Value) } : null,
        };

    public override LayerDeclaration WithParameters(System.Func<Argument<int>, Argument<int>> set) => this with { Units = set(Units) };

    public static LayerDeclaration Read(AttributeArguments arguments, LocationInfo? location) => new DenseDeclaration(
        arguments.Int(0, 0),
        arguments.Int(1, (int)ActivationKind.Identity),
        arguments.NamedFloat("Slope"),
        arguments.NamedInt("InputSize"),
        arguments.NamedBool("Bias"),
        arguments.NamedString("Shares"),
        arguments.NamedString("TransposeOf"),
        location);

    /// <summary>On a sequence, a dense layer applies to every step.</summary>
    public override bool TakesSequences => true;

    /// <summary>
    /// On a sequence: the same weights on every step (<see cref="SequenceDenseLayerPlan"/>). Softmax and PReLU, whose
    /// values depend on a whole step or a learned slope per feature, and shared or tied weights are not built for
    /// sequences yet (SN0056).
    /// </summary>
    private Shape PlanEachStep(NetworkPlanner planner, Shape input, int units, ActivationUnit activation, float slope)
    {
        var output = Shape.Sequence(input.Steps, units);
        string? unsupported = !activation.TakesSequences ? $"Activation.{activation.Kind}"
            : Shares is not null ? "Shares"
            : TransposeOf is not null ? "TransposeOf"
            : null;
        if (unsupported is not null)
        {
            planner.Report(DiagnosticDescriptors.NotYetOnSequences, Location, "Dense", unsupported);
            return output;
        }

        if (InputSize is { } declared && planner.Positive(declared, "InputSize") != input.Features)
        {
            planner.Report(DiagnosticDescriptors.InputSizeMismatch, declared.Location, "Dense", declared.Value, input.Features, input);
        }

        bool bias = Bias?.Value ?? true;
        long weights = (long)input.Features * units;
        int offset = planner.ReserveParameters(weights + (bias ? units : 0));
        planner.CheckSize(output.Size, "values in one layer");
        planner.AddIfSized(new SequenceDenseLayerPlan(
            planner.NextNumber,
            NetworkPlanner.Describe("Dense", units.ToString(CultureInfo.InvariantCulture), activation, slope, (bias ? "" : ", no bias") + ", each step"),
            input,
            output,
            offset,
            (int)System.Math.Min(offset + weights, int.MaxValue),
            activation.Kind,
            slope,
            bias));
        return output;
    }

    /// <summary>
    /// Needs a flat input (SN0007), checks a declared <c>InputSize</c> (SN0008), and unrolls when its weights are within
    /// the network's threshold (a quarter of it for a costly activation: <see cref="ActivationUnit.IsCostly"/>, whose
    /// scalar form costs as much as eight vector lanes).
    /// </summary>
    public override Shape Plan(NetworkPlanner planner, Shape input)
    {
        int units = planner.Positive(Units, "Dense units");
        ActivationUnit activation = planner.CheckActivation(Activation, Slope);
        float slope = Slope?.Value ?? 0.01f;
        if (input.IsSequence)
        {
            return PlanEachStep(planner, input, units, activation, slope);
        }

        if (!input.IsFlat)
        {
            planner.Report(DiagnosticDescriptors.FlattenRequired, Location, "Dense", input);
            input = Shape.Flat((int)System.Math.Min(input.Size, int.MaxValue));
        }

        if (InputSize is { } declared)
        {
            int expected = planner.Positive(declared, "InputSize");
            if (expected != input.Size)
            {
                planner.Report(DiagnosticDescriptors.InputSizeMismatch, declared.Location, "Dense", expected, input.Size, input);
            }
        }

        Shape output = Shape.Flat(units);
        long weights = input.Size * units;
        bool bias = Bias?.Value ?? true;
        int slopes = activation.LearnsSlopes ? units : 0;
        LayerPlan? owner = Owner(planner, input, units, bias, out bool transposed);
        string sharing = owner is null ? "" : transposed ? $", transpose of {TransposeOf!.Value.Value}" : $", shares {Shares!.Value.Value}";
        int own = planner.ReserveParameters((owner is null ? weights : 0) + (bias && (owner is null || transposed) ? units : 0) + slopes);
        int weightOffset = owner?.WeightOffset ?? own;
        int biasOffset = owner is null ? (int)System.Math.Min(own + weights, int.MaxValue) : transposed ? own : owner.BiasOffset;
        bool costly = activation.IsCostly;
        var plan = new DenseLayerPlan(
            planner.NextNumber,
            NetworkPlanner.Describe("Dense", units.ToString(CultureInfo.InvariantCulture), activation, slope, (bias ? "" : ", no bias") + sharing),
            input,
            output,
            weightOffset,
            biasOffset,
            activation.Kind,
            slope,
            Unrolled: weights <= (costly ? planner.Unroll / NetworkPlanner.CostlyActivationDivisor : planner.Unroll),
            HasBias: bias)
        {
            Transposed = transposed,
            WeightOwner = owner?.Number,
            BiasOwner = transposed ? null : owner?.Number,
            OwnSlopeOffset = owner is null || slopes == 0 ? null : own + (transposed && bias ? units : 0),
        };
        if (planner.AddIfSized(plan) && plan.Unrolled)
        {
            planner.CountUnrolled(weights);
        }

        return output;
    }

    /// <summary>
    /// The dense layer whose weights this one uses: <c>Shares</c> (same inputs, units and bias) or <c>TransposeOf</c>
    /// (inputs and units swapped; the bias stays this layer's), not both; null for weights of its own.
    /// </summary>
    private LayerPlan? Owner(NetworkPlanner planner, Shape input, int units, bool bias, out bool transposed)
    {
        transposed = false;
        if (Shares is { } shares && TransposeOf is { } both)
        {
            planner.Report(DiagnosticDescriptors.SharedWeightsDoNotFit, both.Location, "TransposeOf", both.Value,
                "a layer of its own: a layer either shares another's weights or transposes them", $"given with Shares = \"{shares.Value}\"");
            return null;
        }

        if (Shares is { } shared)
        {
            return planner.WeightOwner("Shares", shared, $"a Dense layer of {input.Size} inputs and {units} units {(bias ? "with" : "without")} biases",
                owner => owner is DenseLayerPlan { Transposed: false } dense && dense.Inputs == input.Size && dense.Outputs == units && dense.HasBias == bias);
        }

        if (TransposeOf is { } transpose)
        {
            transposed = true;
            LayerPlan? owner = planner.WeightOwner("TransposeOf", transpose, $"a Dense layer of {units} inputs and {input.Size} units",
                candidate => candidate is DenseLayerPlan { Transposed: false } dense && dense.Inputs == units && dense.Outputs == input.Size);
            transposed = owner is not null;
            return owner;
        }

        return null;
    }
}

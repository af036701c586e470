using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
#endif

namespace StaticNet.Runtime;

/// <summary>
/// Dense layers whose packed copy holds the weights in panels: for each run of 64 outputs (the last run 16, 32 or 48
/// wide) an <c>[inputs, width]</c> block, input after input. Each input, broadcast, scales a contiguous run of a panel's
/// outputs: no horizontal sums, one weight load serving four samples in a batch. Every output is one chain of
/// multiply-adds from its bias, input by input, so a sample gets the same bits alone, in a block of four, or on any thread.
/// </summary>
/// <remarks>
/// The row kernels (<see cref="DenseKernels"/>) sum each output across vector lanes and reduce the lanes at the end of
/// every row block; on N2's 784 -> 128 layer these panels took 69-74 us for 60 samples against 87-104 us (the FMA units'
/// floor is 69 us), and 3.4-3.9 us for one sample against 4.6-6.2 us.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)] // called by generated code, not meant to be called by hand
public static unsafe class DensePanels
{
    /// <summary>The outputs of one panel (the last may hold fewer): four 512-bit vectors.</summary>
    public const int Width = 64;

    /// <summary>A panelled layer's outputs are a multiple of this: whole 512-bit vectors.</summary>
    public const int OutputMultiple = 16;

    /// <summary>Where <see cref="ForwardBatch"/> may split the batch between parts: its widest sample block.</summary>
    private const int SampleBlock = 4;

    /// <summary>Inputs per slice of a batch's pass: a 64-output panel's slice is 16 KB, a third of a first-level cache.</summary>
    private const int Depth = 64;

    /// <summary>
    /// Writes <paramref name="weights"/> (<c>[outputs, inputs]</c>, PyTorch's layout) into <paramref name="panels"/>
    /// as panels of <see cref="Width"/> outputs.
    /// </summary>
    public static void Pack(ReadOnlySpan<float> weights, Span<float> panels, int outputs, int inputs)
    {
        if (outputs <= 0 || outputs % OutputMultiple != 0 || inputs <= 0 || weights.Length != outputs * inputs || panels.Length != weights.Length)
        {
            throw new ArgumentException(
                $"Panels of a dense layer of {inputs} inputs and {outputs} outputs (a positive multiple of {OutputMultiple}) need {outputs * inputs} weights, not {weights.Length} into {panels.Length}.");
        }

        for (int start = 0; start < outputs; start += Width)
        {
            int width = Math.Min(Width, outputs - start);
            DenseKernels.Transpose(weights.Slice(start * inputs, width * inputs), panels.Slice(start * inputs, width * inputs), rows: width, columns: inputs);
        }
    }

    /// <summary><c>output = weights · input + biases</c>, the weights in panels.</summary>
    public static void Forward(ReadOnlySpan<float> panels, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output) =>
        Forward<IdentityActivation>(panels, biases, input, output);

    /// <summary><see cref="Forward"/> then ReLU, applied to each vector of sums while it is still in registers.</summary>
    public static void ForwardReLU(ReadOnlySpan<float> panels, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output) =>
        Forward<ReLUActivation>(panels, biases, input, output);

    /// <summary><see cref="Forward"/> then tanh, applied to each vector of sums while it is still in registers.</summary>
    public static void ForwardTanh(ReadOnlySpan<float> panels, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output) =>
        Forward<TanhActivation>(panels, biases, input, output);

    /// <summary><see cref="Forward"/> then tanh at inference (<see cref="RationalTanh"/>), applied in registers.</summary>
    public static void ForwardRationalTanh(ReadOnlySpan<float> panels, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output) =>
        Forward<RationalTanhActivation>(panels, biases, input, output);

    /// <summary><see cref="Forward"/> then the logistic function, applied in registers.</summary>
    public static void ForwardSigmoid(ReadOnlySpan<float> panels, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output) =>
        Forward<SigmoidActivation>(panels, biases, input, output);

    /// <summary>
    /// <see cref="Forward"/> for every sample of a batch, the samples one after another in <paramref name="inputs"/> and
    /// <paramref name="outputs"/>; with AVX-512, four samples at a time, so each weight load serves four multiply-adds.
    /// </summary>
    public static void ForwardBatch(ReadOnlySpan<float> panels, ReadOnlySpan<float> biases, ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        int outputSize = biases.Length;
        int inputSize = outputSize == 0 ? 0 : panels.Length / outputSize;
        int batch = outputSize == 0 ? 0 : outputs.Length / outputSize;
        if (outputSize % OutputMultiple != 0 || inputSize == 0 || panels.Length != inputSize * outputSize
            || inputs.Length != batch * inputSize || outputs.Length != batch * outputSize)
        {
            throw new ArgumentException(
                $"A batch of {batch} through panels of {panels.Length} weights and {outputSize} biases needs {batch * inputSize} inputs and {batch * outputSize} outputs, not {inputs.Length} and {outputs.Length}.");
        }

        // Parts split the batch on whole blocks of four, or, for a batch too small to split, the panels; every output
        // is the same chain of multiply-adds in any part.
        bool bySample = batch >= 2 * SampleBlock;
        int blocks = bySample ? (batch + SampleBlock - 1) / SampleBlock : (outputSize + Width - 1) / Width;
        int parts = WorkerPool.Parts((long)batch * inputSize * outputSize, blocks);
        fixed (float* w = panels, b = biases, x = inputs, y = outputs)
        {
            var job = new BatchJob(w, b, x, y, inputSize, outputSize, batch);
            WorkerPool.Run(bySample ? &SamplesPart : &PanelsPart, &job, parts);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Forward<TActivation>(ReadOnlySpan<float> panels, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output)
        where TActivation : struct, IVectorActivation
    {
        int inputs = input.Length;
        int outputs = output.Length;
        if (outputs % OutputMultiple != 0 || panels.Length != inputs * outputs || biases.Length != outputs)
        {
            throw new ArgumentException(
                $"Panels of a dense layer of {inputs} inputs and {outputs} outputs (a multiple of {OutputMultiple}) need {inputs * outputs} weights and {outputs} biases, not {panels.Length} and {biases.Length}.");
        }

        OneSample<TActivation>(
            ref MemoryMarshal.GetReference(panels), ref MemoryMarshal.GetReference(biases), ref MemoryMarshal.GetReference(input),
            ref MemoryMarshal.GetReference(output), inputs, outputs, 0, outputs);
    }

    private static void SamplesPart(void* state, int part, int parts)
    {
        ref BatchJob job = ref *(BatchJob*)state;
        (int start, int end) = WorkerPool.Range(part, parts, job.Batch, SampleBlock);
        Batch(ref *job.Panels, ref *job.Biases, ref job.Inputs[start * job.InputSize], ref job.Outputs[start * job.OutputSize],
            job.InputSize, job.OutputSize, end - start, 0, job.OutputSize);
    }

    private static void PanelsPart(void* state, int part, int parts)
    {
        ref BatchJob job = ref *(BatchJob*)state;
        (int start, int end) = WorkerPool.Range(part, parts, job.OutputSize, Width);
        Batch(ref *job.Panels, ref *job.Biases, ref *job.Inputs, ref *job.Outputs, job.InputSize, job.OutputSize, job.Batch, start, end);
    }

    /// <summary>
    /// Outputs <paramref name="start"/> (a panel's first) to <paramref name="end"/> of every sample of a batch: with
    /// AVX-512, blocks of four samples, the last block of one to three samples computed as four with the last sample
    /// repeated (its weights still read once; samples one at a time had taken 13 of N2's 83 us).
    /// </summary>
    private static void Batch(ref float w, ref float b, ref float x, ref float y, int inputs, int outputs, int batch, int start, int end)
    {
#if NET8_0_OR_GREATER
        if (!(Vector512.IsHardwareAccelerated && Avx512F.IsSupported))
#endif
        {
            for (int sample = 0; sample < batch; sample++)
            {
                Portable<IdentityActivation>(ref w, ref b, ref Unsafe.Add(ref x, sample * inputs), ref Unsafe.Add(ref y, sample * outputs), inputs, start, end);
            }

            return;
        }

#if NET8_0_OR_GREATER
        // Panel by panel, a slice of Depth inputs at a time over every sample block: the slice's weights stay in the
        // first-level cache for all the blocks, instead of the whole panel coming from the second level for each.
        for (int panel = start; panel < end; panel += Width)
        {
            ref float wp = ref Unsafe.Add(ref w, panel * inputs);
            ref float bp = ref Unsafe.Add(ref b, panel);
            int width = Math.Min(Width, end - panel);
            for (int first = 0; first < inputs; first += Depth)
            {
                int length = Math.Min(Depth, inputs - first);
                ref float wk = ref Unsafe.Add(ref wp, first * width);
                for (int sample = 0; sample < batch; sample += SampleBlock)
                {
                    int count = Math.Min(SampleBlock, batch - sample);
                    ref float xk = ref Unsafe.Add(ref x, (sample * inputs) + first);
                    ref float yp = ref Unsafe.Add(ref y, (sample * outputs) + panel);
                    switch (width / 16)
                    {
                        case 4: FourSamples<FourVectors>(ref wk, ref bp, ref xk, ref yp, inputs, length, outputs, count, resume: first > 0); break;
                        case 3: FourSamples<ThreeVectors>(ref wk, ref bp, ref xk, ref yp, inputs, length, outputs, count, resume: first > 0); break;
                        case 2: FourSamples<TwoVectors>(ref wk, ref bp, ref xk, ref yp, inputs, length, outputs, count, resume: first > 0); break;
                        default: FourSamples<OneVector>(ref wk, ref bp, ref xk, ref yp, inputs, length, outputs, count, resume: first > 0); break;
                    }
                }
            }
        }
#endif
    }

    /// <summary>
    /// Outputs <paramref name="start"/> (a panel's first) to <paramref name="end"/> of one sample: with AVX-512, two
    /// whole panels at a time (eight chains of multiply-adds in flight, what two FMA units of four cycles' latency
    /// need), then a lone one, then a narrower last one.
    /// </summary>
    private static void OneSample<TActivation>(ref float w, ref float b, ref float x, ref float y, int inputs, int outputs, int start, int end)
        where TActivation : struct, IVectorActivation
    {
#if NET8_0_OR_GREATER
        if (!(Vector512.IsHardwareAccelerated && Avx512F.IsSupported))
#endif
        {
            Portable<TActivation>(ref w, ref b, ref x, ref y, inputs, start, end);
            return;
        }

#if NET8_0_OR_GREATER
        int panel = start;
        for (; panel + (2 * Width) <= end; panel += 2 * Width)
        {
            TwoPanels<TActivation>(ref Unsafe.Add(ref w, panel * inputs), ref Unsafe.Add(ref b, panel), ref x, ref Unsafe.Add(ref y, panel), inputs);
        }

        if (panel + Width <= end)
        {
            OnePanel<TActivation>(ref Unsafe.Add(ref w, panel * inputs), ref Unsafe.Add(ref b, panel), ref x, ref Unsafe.Add(ref y, panel), inputs);
            panel += Width;
        }

        NarrowPanel<TActivation>(ref w, ref b, ref x, ref y, inputs, panel, end);
#endif
    }

#if NET8_0_OR_GREATER
    private static void TwoPanels<TActivation>(ref float w, ref float b, ref float x, ref float y, int inputs)
        where TActivation : struct, IVectorActivation
    {
        ref float v = ref Unsafe.Add(ref w, Width * inputs);
        Vector512<float> a0 = Vector512.LoadUnsafe(ref b), a1 = Vector512.LoadUnsafe(ref b, 16);
        Vector512<float> a2 = Vector512.LoadUnsafe(ref b, 32), a3 = Vector512.LoadUnsafe(ref b, 48);
        Vector512<float> c0 = Vector512.LoadUnsafe(ref b, 64), c1 = Vector512.LoadUnsafe(ref b, 80);
        Vector512<float> c2 = Vector512.LoadUnsafe(ref b, 96), c3 = Vector512.LoadUnsafe(ref b, 112);
        for (int k = 0; k < inputs; k++)
        {
            var t = Vector512.Create(Unsafe.Add(ref x, k));
            a0 = MultiplyAdd512(Vector512.LoadUnsafe(ref w), t, a0);
            a1 = MultiplyAdd512(Vector512.LoadUnsafe(ref w, 16), t, a1);
            a2 = MultiplyAdd512(Vector512.LoadUnsafe(ref w, 32), t, a2);
            a3 = MultiplyAdd512(Vector512.LoadUnsafe(ref w, 48), t, a3);
            c0 = MultiplyAdd512(Vector512.LoadUnsafe(ref v), t, c0);
            c1 = MultiplyAdd512(Vector512.LoadUnsafe(ref v, 16), t, c1);
            c2 = MultiplyAdd512(Vector512.LoadUnsafe(ref v, 32), t, c2);
            c3 = MultiplyAdd512(Vector512.LoadUnsafe(ref v, 48), t, c3);
            w = ref Unsafe.Add(ref w, Width);
            v = ref Unsafe.Add(ref v, Width);
        }

        default(TActivation).Apply(a0).StoreUnsafe(ref y);
        default(TActivation).Apply(a1).StoreUnsafe(ref y, 16);
        default(TActivation).Apply(a2).StoreUnsafe(ref y, 32);
        default(TActivation).Apply(a3).StoreUnsafe(ref y, 48);
        default(TActivation).Apply(c0).StoreUnsafe(ref y, 64);
        default(TActivation).Apply(c1).StoreUnsafe(ref y, 80);
        default(TActivation).Apply(c2).StoreUnsafe(ref y, 96);
        default(TActivation).Apply(c3).StoreUnsafe(ref y, 112);
    }

    private static void OnePanel<TActivation>(ref float w, ref float b, ref float x, ref float y, int inputs)
        where TActivation : struct, IVectorActivation
    {
        Vector512<float> a0 = Vector512.LoadUnsafe(ref b), a1 = Vector512.LoadUnsafe(ref b, 16);
        Vector512<float> a2 = Vector512.LoadUnsafe(ref b, 32), a3 = Vector512.LoadUnsafe(ref b, 48);
        for (int k = 0; k < inputs; k++)
        {
            var t = Vector512.Create(Unsafe.Add(ref x, k));
            a0 = MultiplyAdd512(Vector512.LoadUnsafe(ref w), t, a0);
            a1 = MultiplyAdd512(Vector512.LoadUnsafe(ref w, 16), t, a1);
            a2 = MultiplyAdd512(Vector512.LoadUnsafe(ref w, 32), t, a2);
            a3 = MultiplyAdd512(Vector512.LoadUnsafe(ref w, 48), t, a3);
            w = ref Unsafe.Add(ref w, Width);
        }

        default(TActivation).Apply(a0).StoreUnsafe(ref y);
        default(TActivation).Apply(a1).StoreUnsafe(ref y, 16);
        default(TActivation).Apply(a2).StoreUnsafe(ref y, 32);
        default(TActivation).Apply(a3).StoreUnsafe(ref y, 48);
    }

    /// <summary>The last panel when it is narrower than <see cref="Width"/> (outputs <paramref name="start"/> to <paramref name="end"/>), a vector at a time.</summary>
    private static void NarrowPanel<TActivation>(ref float w, ref float b, ref float x, ref float y, int inputs, int start, int end)
        where TActivation : struct, IVectorActivation
    {
        int width = end - start;
        ref float panel = ref Unsafe.Add(ref w, start * inputs);
        for (int column = 0; column < width; column += 16)
        {
            Vector512<float> sum = Vector512.LoadUnsafe(ref b, (nuint)(start + column));
            ref float wk = ref Unsafe.Add(ref panel, column);
            for (int k = 0; k < inputs; k++)
            {
                sum = MultiplyAdd512(Vector512.LoadUnsafe(ref wk), Vector512.Create(Unsafe.Add(ref x, k)), sum);
                wk = ref Unsafe.Add(ref wk, width);
            }

            default(TActivation).Apply(sum).StoreUnsafe(ref y, (nuint)(start + column));
        }
    }

    /// <summary>
    /// One slice of <paramref name="length"/> inputs of a panel for four consecutive samples (rows
    /// <paramref name="stride"/> apart): four by <typeparamref name="TWidth"/> accumulators, each input of each sample
    /// broadcast from memory, one load per vector of weights serving four multiply-adds, and no reductions. The sums start
    /// from the biases, or with <paramref name="resume"/> from where the previous slice stored them: the same chain of
    /// multiply-adds as one pass, so the same bits. With <paramref name="count"/> below four (a batch's last samples), the
    /// missing samples repeat the last one, whose sums are left unstored. Four samples, not six: sixteen accumulators,
    /// four weights and four broadcasts fit the 32 vector registers, where six samples' 34 spilled two accumulators
    /// (N2's 784 -> 128 layer over 64 samples 90 -> 80 us). The JIT compiles one copy per width, the accumulators of
    /// the vectors a narrower panel lacks gone with their code.
    /// </summary>
    private static void FourSamples<TWidth>(ref float w, ref float b, ref float x, ref float y, int stride, int length, int outputs, int count, bool resume)
        where TWidth : struct, IPanelWidth
    {
        int vectors = TWidth.Vectors;
        nuint width = (nuint)(16 * vectors);
        nuint n = (nuint)outputs, lastOutput = (nuint)(count - 1) * n;
        Vector512<float> a00, a01, a02, a03, a10, a11, a12, a13, a20, a21, a22, a23, a30, a31, a32, a33;
        if (resume)
        {
            // The sums so far, where the previous slice left them (a repeated last sample reads the last one's).
            (a00, a01, a02, a03) = LoadSample<TWidth>(ref y);
            (a10, a11, a12, a13) = LoadSample<TWidth>(ref Unsafe.Add(ref y, Math.Min(n, lastOutput)));
            (a20, a21, a22, a23) = LoadSample<TWidth>(ref Unsafe.Add(ref y, Math.Min(2 * n, lastOutput)));
            (a30, a31, a32, a33) = LoadSample<TWidth>(ref Unsafe.Add(ref y, Math.Min(3 * n, lastOutput)));
        }
        else
        {
            (a00, a01, a02, a03) = LoadSample<TWidth>(ref b);
            (a10, a11, a12, a13) = (a00, a01, a02, a03);
            (a20, a21, a22, a23) = (a00, a01, a02, a03);
            (a30, a31, a32, a33) = (a00, a01, a02, a03);
        }

        nuint step = (nuint)stride, last = (nuint)(count - 1) * step;
        nuint x1 = Math.Min(step, last), x2 = Math.Min(2 * step, last), x3 = Math.Min(3 * step, last);
        for (int k = 0; k < length; k++)
        {
            Vector512<float> w0 = Vector512.LoadUnsafe(ref w);
            Vector512<float> w1 = vectors > 1 ? Vector512.LoadUnsafe(ref w, 16) : default;
            Vector512<float> w2 = vectors > 2 ? Vector512.LoadUnsafe(ref w, 32) : default;
            Vector512<float> w3 = vectors > 3 ? Vector512.LoadUnsafe(ref w, 48) : default;
            var t0 = Vector512.Create(x);
            var t1 = Vector512.Create(Unsafe.Add(ref x, x1));
            var t2 = Vector512.Create(Unsafe.Add(ref x, x2));
            var t3 = Vector512.Create(Unsafe.Add(ref x, x3));
            a00 = MultiplyAdd512(w0, t0, a00); a10 = MultiplyAdd512(w0, t1, a10); a20 = MultiplyAdd512(w0, t2, a20);
            a30 = MultiplyAdd512(w0, t3, a30);
            if (vectors > 1)
            {
                a01 = MultiplyAdd512(w1, t0, a01); a11 = MultiplyAdd512(w1, t1, a11); a21 = MultiplyAdd512(w1, t2, a21);
                a31 = MultiplyAdd512(w1, t3, a31);
            }

            if (vectors > 2)
            {
                a02 = MultiplyAdd512(w2, t0, a02); a12 = MultiplyAdd512(w2, t1, a12); a22 = MultiplyAdd512(w2, t2, a22);
                a32 = MultiplyAdd512(w2, t3, a32);
            }

            if (vectors > 3)
            {
                a03 = MultiplyAdd512(w3, t0, a03); a13 = MultiplyAdd512(w3, t1, a13); a23 = MultiplyAdd512(w3, t2, a23);
                a33 = MultiplyAdd512(w3, t3, a33);
            }

            x = ref Unsafe.Add(ref x, 1);
            w = ref Unsafe.Add(ref w, width);
        }

        StoreSample<TWidth>(ref y, a00, a01, a02, a03);
        if (count > 1)
        {
            StoreSample<TWidth>(ref Unsafe.Add(ref y, n), a10, a11, a12, a13);
        }

        if (count > 2)
        {
            StoreSample<TWidth>(ref Unsafe.Add(ref y, 2 * n), a20, a21, a22, a23);
        }

        if (count > 3)
        {
            StoreSample<TWidth>(ref Unsafe.Add(ref y, 3 * n), a30, a31, a32, a33);
        }

        if (count > 4)
        {
        }

        if (count > 5)
        {
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<float>, Vector512<float>, Vector512<float>, Vector512<float>) LoadSample<TWidth>(ref float y)
        where TWidth : struct, IPanelWidth =>
        (Vector512.LoadUnsafe(ref y),
            TWidth.Vectors > 1 ? Vector512.LoadUnsafe(ref y, 16) : default,
            TWidth.Vectors > 2 ? Vector512.LoadUnsafe(ref y, 32) : default,
            TWidth.Vectors > 3 ? Vector512.LoadUnsafe(ref y, 48) : default);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreSample<TWidth>(ref float y, Vector512<float> v0, Vector512<float> v1, Vector512<float> v2, Vector512<float> v3)
        where TWidth : struct, IPanelWidth
    {
        v0.StoreUnsafe(ref y);
        if (TWidth.Vectors > 1)
        {
            v1.StoreUnsafe(ref y, 16);
        }

        if (TWidth.Vectors > 2)
        {
            v2.StoreUnsafe(ref y, 32);
        }

        if (TWidth.Vectors > 3)
        {
            v3.StoreUnsafe(ref y, 48);
        }
    }

    /// <summary>A panel's width in 512-bit vectors, as a type, so that each width gets its own compiled kernel.</summary>
    private interface IPanelWidth
    {
        static abstract int Vectors { get; }
    }

    private readonly struct OneVector : IPanelWidth
    {
        public static int Vectors => 1;
    }

    private readonly struct TwoVectors : IPanelWidth
    {
        public static int Vectors => 2;
    }

    private readonly struct ThreeVectors : IPanelWidth
    {
        public static int Vectors => 3;
    }

    private readonly struct FourVectors : IPanelWidth
    {
        public static int Vectors => 4;
    }
#endif

    /// <summary>
    /// Without AVX-512 (AVX2, Arm NEON): each panel's outputs in groups of four hardware vectors, then one vector at a
    /// time (one value at a time without vectors), every output still one chain from its bias, then the activation's span
    /// form over the panel.
    /// </summary>
    private static void Portable<TActivation>(ref float w, ref float b, ref float x, ref float y, int inputs, int start, int end)
        where TActivation : struct, IVectorActivation
    {
        int lanes = Vector.IsHardwareAccelerated ? Vector<float>.Count : 0;
        for (int panel = start; panel < end; panel += Width)
        {
            int width = Math.Min(Width, end - panel);
            ref float p = ref Unsafe.Add(ref w, panel * inputs);
            int column = 0;
            for (; lanes > 0 && column + (4 * lanes) <= width; column += 4 * lanes)
            {
                Vector<float> a0 = Load(ref b, panel + column), a1 = Load(ref b, panel + column + lanes);
                Vector<float> a2 = Load(ref b, panel + column + (2 * lanes)), a3 = Load(ref b, panel + column + (3 * lanes));
                ref float wk = ref Unsafe.Add(ref p, column);
                for (int k = 0; k < inputs; k++)
                {
                    var t = new Vector<float>(Unsafe.Add(ref x, k));
                    a0 = MultiplyAdd(Load(ref wk, 0), t, a0);
                    a1 = MultiplyAdd(Load(ref wk, lanes), t, a1);
                    a2 = MultiplyAdd(Load(ref wk, 2 * lanes), t, a2);
                    a3 = MultiplyAdd(Load(ref wk, 3 * lanes), t, a3);
                    wk = ref Unsafe.Add(ref wk, width);
                }

                Store(ref y, panel + column, a0);
                Store(ref y, panel + column + lanes, a1);
                Store(ref y, panel + column + (2 * lanes), a2);
                Store(ref y, panel + column + (3 * lanes), a3);
            }

            for (; lanes > 0 && column + lanes <= width; column += lanes)
            {
                Vector<float> sum = Load(ref b, panel + column);
                ref float wk = ref Unsafe.Add(ref p, column);
                for (int k = 0; k < inputs; k++)
                {
                    sum = MultiplyAdd(Load(ref wk, 0), new Vector<float>(Unsafe.Add(ref x, k)), sum);
                    wk = ref Unsafe.Add(ref wk, width);
                }

                Store(ref y, panel + column, sum);
            }

            for (; column < width; column++)
            {
                float sum = Unsafe.Add(ref b, panel + column);
                ref float wk = ref Unsafe.Add(ref p, column);
                for (int k = 0; k < inputs; k++)
                {
                    sum += wk * Unsafe.Add(ref x, k);
                    wk = ref Unsafe.Add(ref wk, width);
                }

                Unsafe.Add(ref y, panel + column) = sum;
            }

            default(TActivation).Apply(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref y, panel), width));
        }
    }

#if NET8_0_OR_GREATER
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> MultiplyAdd512(Vector512<float> a, Vector512<float> b, Vector512<float> addend) => VectorMath.MultiplyAdd(a, b, addend);
#endif

    /// <summary>a * b + addend, fused where the hardware fuses (see <c>DenseKernels</c>' own, whose reasons hold here).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> MultiplyAdd(Vector<float> a, Vector<float> b, Vector<float> addend) =>
#if NET9_0_OR_GREATER
        Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported ? Vector.FusedMultiplyAdd(a, b, addend) : (a * b) + addend;
#else
        (a * b) + addend;
#endif

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Load(ref float start, int offset) =>
        Unsafe.ReadUnaligned<Vector<float>>(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref start, offset)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref float start, int offset, Vector<float> value) =>
        Unsafe.WriteUnaligned(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref start, offset)), value);

    /// <summary>A <see cref="ForwardBatch"/> call, handed to its parts: the spans are pinned while the parts run.</summary>
    private readonly struct BatchJob(float* panels, float* biases, float* inputs, float* outputs, int inputSize, int outputSize, int batch)
    {
        public readonly float* Panels = panels, Biases = biases, Inputs = inputs, Outputs = outputs;
        public readonly int InputSize = inputSize, OutputSize = outputSize, Batch = batch;
    }
}

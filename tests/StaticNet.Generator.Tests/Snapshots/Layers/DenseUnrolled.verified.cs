// DenseUnrolled: layer 1 of [Network] [Input(3)] [Dense(2, Activation.Tanh)] [Dense(1)]

// ---- Forward ----
            // Layer 1: Dense(2, Tanh), (3) -> (2), unrolled; tanh as a rational function within 5.4 ulp at inference (training: within one ulp).
            float x0 = input[0];
            float x1 = input[1];
            float x2 = input[2];
            // Weights [2, 3] row-major at parameters[0..6), biases at parameters[6..8).
            global::System.ReadOnlySpan<float> w1 = parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount);
            global::System.ReadOnlySpan<float> b1 = parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount);
            float a1_0 = global::StaticNet.Runtime.Activations.RationalTanh(b1[0] + w1[0] * x0 + w1[1] * x1 + w1[2] * x2);
            float a1_1 = global::StaticNet.Runtime.Activations.RationalTanh(b1[1] + w1[3] * x0 + w1[4] * x1 + w1[5] * x2);

// ---- ForwardPacked ----
            // Layer 1: Dense(2, Tanh), (3) -> (2), unrolled; tanh as a rational function within 5.4 ulp at inference (training: within one ulp).
            // Weights [3, 2] row-major, packed at parameters[0..6), biases at parameters[6..8).
            #if NET8_0_OR_GREATER
            // All 2 sums in one 128-bit vector: each input times its column of the packed weights, added as Forward adds them.
            ref float start1 = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(parameters);
            global::System.Runtime.Intrinsics.Vector128<float> sums1 = global::System.Runtime.Intrinsics.Vector128.LoadUnsafe(ref start1, 6);
            sums1 += global::System.Runtime.Intrinsics.Vector128.LoadUnsafe(ref start1, 0) * global::System.Runtime.Intrinsics.Vector128.Create(input[0]);
            sums1 += global::System.Runtime.Intrinsics.Vector128.LoadUnsafe(ref start1, 2) * global::System.Runtime.Intrinsics.Vector128.Create(input[1]);
            sums1 += global::System.Runtime.Intrinsics.Vector128.LoadUnsafe(ref start1, 4) * global::System.Runtime.Intrinsics.Vector128.Create(input[2]);
            float sum1_0 = global::System.Runtime.Intrinsics.Vector128.GetElement(sums1, 0);
            float sum1_1 = global::System.Runtime.Intrinsics.Vector128.GetElement(sums1, 1);
            #else
            global::System.ReadOnlySpan<float> w1 = parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount);
            global::System.ReadOnlySpan<float> b1 = parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount);
            float sum1_0 = b1[0] + w1[0] * input[0] + w1[2] * input[1] + w1[4] * input[2];
            float sum1_1 = b1[1] + w1[1] * input[0] + w1[3] * input[1] + w1[5] * input[2];
            #endif
            float a1_0 = global::StaticNet.Runtime.Activations.RationalTanh(sum1_0);
            float a1_1 = global::StaticNet.Runtime.Activations.RationalTanh(sum1_1);

// ---- Backward ----
            // Layer 1: Dense(2, Tanh). dW1 += g1 ⊗ x, db1 += g1, then the gradient flows to the input.
            global::System.Span<float> gw1 = parameterGradients.Slice(Layer1.WeightOffset, Layer1.WeightCount);
            global::System.Span<float> gb1 = parameterGradients.Slice(Layer1.BiasOffset, Layer1.BiasCount);
            gw1[0] += g1_0 * x0;
            gw1[1] += g1_0 * x1;
            gw1[2] += g1_0 * x2;
            gw1[3] += g1_1 * x0;
            gw1[4] += g1_1 * x1;
            gw1[5] += g1_1 * x2;
            gb1[0] += g1_0;
            gb1[1] += g1_1;
            if (!inputGradients.IsEmpty)
            {
                inputGradients[0] = w1[0] * g1_0 + w1[3] * g1_1;
                inputGradients[1] = w1[1] * g1_0 + w1[4] * g1_1;
                inputGradients[2] = w1[2] * g1_0 + w1[5] * g1_1;
            }

// ---- BackwardBatch ----
            // Layer 1: Dense(2, Tanh): parameter gradients summed over the batch; the input's gradients are not needed.
            global::StaticNet.Runtime.DenseKernels.BackwardBatch(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), inputs, g1,
                parameterGradients.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameterGradients.Slice(Layer1.BiasOffset, Layer1.BiasCount), global::System.Span<float>.Empty);

// ---- ToOnnx ----
            // Layer 1: Dense(2, Tanh), (3) -> (2).
            graph.BeginLayer();
            graph.Node("Gemm", new string[]
            {
                graph.Current,
                graph.Initializer("weight", parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), 2, 3),
                graph.Initializer("bias", parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount), 2),
            }, new int[] { 2 }, global::StaticNet.Onnx.OnnxAttribute.Int("transB", 1));
            graph.Node("Tanh");

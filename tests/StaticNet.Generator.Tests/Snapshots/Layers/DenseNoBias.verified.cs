// DenseNoBias: layer 1 of [Network] [Input(3)] [Dense(2, Activation.ReLU, Bias = false)] [Dense(1)]

// ---- Forward ----
            // Layer 1: Dense(2, ReLU, no bias), (3) -> (2), unrolled.
            float x0 = input[0];
            float x1 = input[1];
            float x2 = input[2];
            // Weights [2, 3] row-major at parameters[0..6), no biases.
            global::System.ReadOnlySpan<float> w1 = parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount);
            float a1_0 = global::StaticNet.Runtime.Activations.ReLU(w1[0] * x0 + w1[1] * x1 + w1[2] * x2);
            float a1_1 = global::StaticNet.Runtime.Activations.ReLU(w1[3] * x0 + w1[4] * x1 + w1[5] * x2);

// ---- ForwardPacked ----
            // Layer 1: Dense(2, ReLU, no bias), (3) -> (2), unrolled.
            // Weights [3, 2] row-major, packed at parameters[0..6), no biases.
            #if NET8_0_OR_GREATER
            // All 2 sums in one 128-bit vector: each input times its column of the packed weights, added as Forward adds them.
            ref float start1 = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(parameters);
            global::System.Runtime.Intrinsics.Vector128<float> sums1 = global::System.Runtime.Intrinsics.Vector128.LoadUnsafe(ref start1, 0) * global::System.Runtime.Intrinsics.Vector128.Create(input[0]);
            sums1 += global::System.Runtime.Intrinsics.Vector128.LoadUnsafe(ref start1, 2) * global::System.Runtime.Intrinsics.Vector128.Create(input[1]);
            sums1 += global::System.Runtime.Intrinsics.Vector128.LoadUnsafe(ref start1, 4) * global::System.Runtime.Intrinsics.Vector128.Create(input[2]);
            sums1 = global::System.Runtime.Intrinsics.Vector128.Max(sums1, global::System.Runtime.Intrinsics.Vector128<float>.Zero);
            float a1_0 = global::System.Runtime.Intrinsics.Vector128.GetElement(sums1, 0);
            float a1_1 = global::System.Runtime.Intrinsics.Vector128.GetElement(sums1, 1);
            #else
            global::System.ReadOnlySpan<float> w1 = parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount);
            float a1_0 = global::StaticNet.Runtime.Activations.ReLU(w1[0] * input[0] + w1[2] * input[1] + w1[4] * input[2]);
            float a1_1 = global::StaticNet.Runtime.Activations.ReLU(w1[1] * input[0] + w1[3] * input[1] + w1[5] * input[2]);
            #endif

// ---- Backward ----
            // Layer 1: Dense(2, ReLU, no bias). dW1 += g1 ⊗ x (no biases), then the gradient flows to the input.
            global::System.Span<float> gw1 = parameterGradients.Slice(Layer1.WeightOffset, Layer1.WeightCount);
            gw1[0] += g1_0 * x0;
            gw1[1] += g1_0 * x1;
            gw1[2] += g1_0 * x2;
            gw1[3] += g1_1 * x0;
            gw1[4] += g1_1 * x1;
            gw1[5] += g1_1 * x2;
            if (!inputGradients.IsEmpty)
            {
                inputGradients[0] = w1[0] * g1_0 + w1[3] * g1_1;
                inputGradients[1] = w1[1] * g1_0 + w1[4] * g1_1;
                inputGradients[2] = w1[2] * g1_0 + w1[5] * g1_1;
            }

// ---- BackwardBatch ----
            // Layer 1: Dense(2, ReLU, no bias): parameter gradients summed over the batch; the input's gradients are not needed.
            global::StaticNet.Runtime.DenseKernels.BackwardBatch(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), inputs, g1,
                parameterGradients.Slice(Layer1.WeightOffset, Layer1.WeightCount), global::StaticNet.Runtime.NoBias.Gradients(2), global::System.Span<float>.Empty);

// ---- ToOnnx ----
            // Layer 1: Dense(2, ReLU, no bias), (3) -> (2).
            graph.BeginLayer();
            graph.Node("Gemm", new string[]
            {
                graph.Current,
                graph.Initializer("weight", parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), 2, 3),
                graph.Initializer("bias", global::StaticNet.Runtime.NoBias.Values(2), 2),
            }, new int[] { 2 }, global::StaticNet.Onnx.OnnxAttribute.Int("transB", 1));
            graph.Node("Relu");

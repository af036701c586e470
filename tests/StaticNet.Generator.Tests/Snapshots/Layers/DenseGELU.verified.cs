// DenseGELU: layer 1 of [Network] [Input(2)] [Dense(3, Activation.GELU)] [Dense(1)]

// ---- Forward ----
            // Layer 1: Dense(3, GELU), (2) -> (3), unrolled.
            float x0 = input[0];
            float x1 = input[1];
            // Weights [3, 2] row-major at parameters[0..6), biases at parameters[6..9).
            global::System.ReadOnlySpan<float> w1 = parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount);
            global::System.ReadOnlySpan<float> b1 = parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount);
            float a1_0 = global::StaticNet.Runtime.Activations.GELU(b1[0] + w1[0] * x0 + w1[1] * x1);
            float a1_1 = global::StaticNet.Runtime.Activations.GELU(b1[1] + w1[2] * x0 + w1[3] * x1);
            float a1_2 = global::StaticNet.Runtime.Activations.GELU(b1[2] + w1[4] * x0 + w1[5] * x1);

// ---- ForwardPacked ----
            // Layer 1: Dense(3, GELU), (2) -> (3), unrolled.
            // Weights [2, 3] row-major, packed at parameters[0..6), biases at parameters[6..9).
            #if NET8_0_OR_GREATER
            // All 3 sums in one 128-bit vector: each input times its column of the packed weights, added as Forward adds them.
            ref float start1 = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(parameters);
            global::System.Runtime.Intrinsics.Vector128<float> sums1 = global::System.Runtime.Intrinsics.Vector128.LoadUnsafe(ref start1, 6);
            sums1 += global::System.Runtime.Intrinsics.Vector128.LoadUnsafe(ref start1, 0) * global::System.Runtime.Intrinsics.Vector128.Create(input[0]);
            sums1 += global::System.Runtime.Intrinsics.Vector128.LoadUnsafe(ref start1, 3) * global::System.Runtime.Intrinsics.Vector128.Create(input[1]);
            float sum1_0 = global::System.Runtime.Intrinsics.Vector128.GetElement(sums1, 0);
            float sum1_1 = global::System.Runtime.Intrinsics.Vector128.GetElement(sums1, 1);
            float sum1_2 = global::System.Runtime.Intrinsics.Vector128.GetElement(sums1, 2);
            #else
            global::System.ReadOnlySpan<float> w1 = parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount);
            global::System.ReadOnlySpan<float> b1 = parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount);
            float sum1_0 = b1[0] + w1[0] * input[0] + w1[3] * input[1];
            float sum1_1 = b1[1] + w1[1] * input[0] + w1[4] * input[1];
            float sum1_2 = b1[2] + w1[2] * input[0] + w1[5] * input[1];
            #endif
            float a1_0 = global::StaticNet.Runtime.Activations.GELU(sum1_0);
            float a1_1 = global::StaticNet.Runtime.Activations.GELU(sum1_1);
            float a1_2 = global::StaticNet.Runtime.Activations.GELU(sum1_2);

// ---- Backward ----
            // Layer 1: Dense(3, GELU). dW1 += g1 ⊗ x, db1 += g1, then the gradient flows to the input.
            global::System.Span<float> gw1 = parameterGradients.Slice(Layer1.WeightOffset, Layer1.WeightCount);
            global::System.Span<float> gb1 = parameterGradients.Slice(Layer1.BiasOffset, Layer1.BiasCount);
            gw1[0] += g1_0 * x0;
            gw1[1] += g1_0 * x1;
            gw1[2] += g1_1 * x0;
            gw1[3] += g1_1 * x1;
            gw1[4] += g1_2 * x0;
            gw1[5] += g1_2 * x1;
            gb1[0] += g1_0;
            gb1[1] += g1_1;
            gb1[2] += g1_2;
            if (!inputGradients.IsEmpty)
            {
                inputGradients[0] = w1[0] * g1_0 + w1[2] * g1_1 + w1[4] * g1_2;
                inputGradients[1] = w1[1] * g1_0 + w1[3] * g1_1 + w1[5] * g1_2;
            }

// ---- BackwardBatch ----
            // Layer 1: Dense(3, GELU): parameter gradients summed over the batch; the input's gradients are not needed.
            global::StaticNet.Runtime.DenseKernels.BackwardBatch(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), inputs, g1,
                parameterGradients.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameterGradients.Slice(Layer1.BiasOffset, Layer1.BiasCount), global::System.Span<float>.Empty);

// ---- ToOnnx ----
            // Layer 1: Dense(3, GELU), (2) -> (3).
            graph.BeginLayer();
            graph.Node("Gemm", new string[]
            {
                graph.Current,
                graph.Initializer("weight", parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), 3, 2),
                graph.Initializer("bias", parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount), 3),
            }, new int[] { 3 }, global::StaticNet.Onnx.OnnxAttribute.Int("transB", 1));
            // GELU: z/2 (1 + erf(z/√2)), from ONNX operators (opset 17 has no Gelu); z is the layer's output before it
            {
                string z = graph.Current;
                graph.Node("Div", new[] { z, graph.Constant("sqrt2", 1.4142135f) });
                graph.Node("Erf");
                graph.Node("Add", new[] { graph.Current, graph.Constant("one", 1f) });
                graph.Node("Mul", new[] { graph.Current, z });
                graph.Node("Mul", new[] { graph.Current, graph.Constant("half", 0.5f) });
            }

// DenseLooped: layer 1 of [Network] [Input(24)] [Dense(16, Activation.ReLU)] [Dense(1)]

// ---- Forward ----
            // Layer 1: Dense(16, ReLU), (24) -> (16), looped.
            global::System.Span<float> a1 = scratch.Slice(0, 16);
            global::StaticNet.Runtime.DenseKernels.ForwardReLU(
                parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount),
                input, a1);

// ---- ForwardPacked ----
            // Layer 1: Dense(16, ReLU), (24) -> (16), looped.
            global::System.Span<float> a1 = scratch.Slice(0, 16);
            global::StaticNet.Runtime.DenseKernels.ForwardTransposedReLU(
                parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount),
                input, a1);

// ---- Backward ----
            // Layer 1: Dense(16, ReLU). dW1 += g1 ⊗ x, db1 += g1, then the gradient flows to the input.
            global::System.Span<float> g1 = scratch.Slice(34, 16);
            g1[0] = g1_0;
            g1[1] = g1_1;
            g1[2] = g1_2;
            g1[3] = g1_3;
            g1[4] = g1_4;
            g1[5] = g1_5;
            g1[6] = g1_6;
            g1[7] = g1_7;
            g1[8] = g1_8;
            g1[9] = g1_9;
            g1[10] = g1_10;
            g1[11] = g1_11;
            g1[12] = g1_12;
            g1[13] = g1_13;
            g1[14] = g1_14;
            g1[15] = g1_15;
            global::StaticNet.Runtime.DenseKernels.Backward(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), input, g1,
                parameterGradients.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameterGradients.Slice(Layer1.BiasOffset, Layer1.BiasCount), inputGradients);

// ---- ForwardBatch ----
            // Layer 1: Dense(16, ReLU), (24) -> (16), for every sample.
            global::System.Span<float> a1 = scratch.Slice(batch * 0, batch * 16);
            global::StaticNet.Runtime.DenseKernels.ForwardBatch(
                parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount),
                inputs, a1);
            global::StaticNet.Runtime.Activations.ReLU(a1, a1);

// ---- BackwardBatch ----
            // Layer 1: Dense(16, ReLU): parameter gradients summed over the batch; the input's gradients are not needed.
            global::StaticNet.Runtime.DenseKernels.BackwardBatch(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), inputs, g1,
                parameterGradients.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameterGradients.Slice(Layer1.BiasOffset, Layer1.BiasCount), global::System.Span<float>.Empty);

// ---- ToOnnx ----
            // Layer 1: Dense(16, ReLU), (24) -> (16).
            graph.BeginLayer();
            graph.Node("Gemm", new string[]
            {
                graph.Current,
                graph.Initializer("weight", parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), 16, 24),
                graph.Initializer("bias", parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount), 16),
            }, new int[] { 16 }, global::StaticNet.Onnx.OnnxAttribute.Int("transB", 1));
            graph.Node("Relu");

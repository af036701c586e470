// DenseEachStep: layer 1 of [Network] [Input(4, 2)] [Dense(3, Activation.Tanh)] [Gru(2)] [LastStep] [Dense(1)]

// ---- Forward ----
            // Layer 1: Dense(3, Tanh, each step), (4, 2) -> (4, 3), looped; tanh as a rational function within 5.4 ulp at inference (training: within one ulp).
            global::System.Span<float> a1 = scratch.Slice(0, 12);
            global::StaticNet.Runtime.SequenceKernels.DenseEachStep(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount), input, a1);
            global::StaticNet.Runtime.Activations.RationalTanh(a1, a1);

// ---- ForwardPacked ----
            // Layer 1: Dense(3, Tanh, each step), (4, 2) -> (4, 3), looped; tanh as a rational function within 5.4 ulp at inference (training: within one ulp).
            global::System.Span<float> a1 = scratch.Slice(0, 12);
            global::StaticNet.Runtime.SequenceKernels.DenseEachStep(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount), input, a1);
            global::StaticNet.Runtime.Activations.RationalTanh(a1, a1);

// ---- Step ----
            // Layer 1: Dense(3, Tanh, each step), one step: (2) -> (3).
            global::System.Span<float> a1 = scratch.Slice(0, 3);
            global::StaticNet.Runtime.SequenceKernels.DenseEachStep(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount), input, a1);
            global::StaticNet.Runtime.Activations.RationalTanh(a1, a1);

// ---- StepPacked ----
            // Layer 1: Dense(3, Tanh, each step), one step: (2) -> (3).
            global::System.Span<float> a1 = scratch.Slice(0, 3);
            global::StaticNet.Runtime.SequenceKernels.DenseEachStep(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount), input, a1);
            global::StaticNet.Runtime.Activations.RationalTanh(a1, a1);

// ---- Backward ----
            // Layer 1: Dense(3, Tanh, each step). dW1 += g1 ⊗ x and db1 += g1, summed over the steps, then the gradient flows to the input.
            global::StaticNet.Runtime.DenseKernels.BackwardBatch(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), input, g1,
                parameterGradients.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameterGradients.Slice(Layer1.BiasOffset, Layer1.BiasCount), inputGradients);

// ---- BackwardBatch ----
            // Layer 1: Dense(3, Tanh, each step): parameter gradients summed over the batch; the input's gradients are not needed.
            for (int sample = 0; sample < batch; sample++)
            {
                global::StaticNet.Runtime.DenseKernels.BackwardBatch(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), inputs.Slice(sample * 8, 8), g1.Slice(sample * 12, 12),
                    parameterGradients.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameterGradients.Slice(Layer1.BiasOffset, Layer1.BiasCount), global::System.Span<float>.Empty);
            }

// ---- ToOnnx ----
            // Layer 1: Dense(3, Tanh, each step), (4, 2) -> (4, 3).
            graph.BeginLayer();
            graph.Node("MatMul", new string[]
            {
                graph.Current,
                graph.Initializer("weight", global::StaticNet.Onnx.OnnxGraph.Transposed(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), rows: 3, columns: 2), 2, 3),
            }, new int[] { 4, 3 });
            graph.Node("Add", new string[]
            {
                graph.Current,
                graph.Initializer("bias", parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount), 3),
            }, new int[] { 4, 3 });
            graph.Node("Tanh");

// ---- ToOnnxStep ----
            // Layer 1: Dense(3, Tanh, each step), (4, 2) -> (4, 3).
            graph.BeginLayer();
            graph.Node("MatMul", new string[]
            {
                graph.Current,
                graph.Initializer("weight", global::StaticNet.Onnx.OnnxGraph.Transposed(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), rows: 3, columns: 2), 2, 3),
            }, new int[] { 1, 3 });
            graph.Node("Add", new string[]
            {
                graph.Current,
                graph.Initializer("bias", parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount), 3),
            }, new int[] { 1, 3 });
            graph.Node("Tanh");

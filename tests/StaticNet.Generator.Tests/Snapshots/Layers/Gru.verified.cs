// Gru: layer 1 of [Network] [Input(4, 2)] [Gru(3)] [LastStep] [Dense(1)]

// ---- Forward ----
            // Layer 1: Gru(3), (4, 2) -> (4, 3), looped.
            global::System.Span<float> a1 = scratch.Slice(0, 12);
            global::StaticNet.Runtime.GruKernels.ForwardAtInference(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount), input, a1, features: 2, hidden: 3);

// ---- ForwardPacked ----
            // Layer 1: Gru(3), (4, 2) -> (4, 3), looped.
            global::System.Span<float> a1 = scratch.Slice(0, 12);
            global::StaticNet.Runtime.GruKernels.ForwardPackedAtInference(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount), input, a1, features: 2, hidden: 3);

// ---- Step ----
            // Layer 1: Gru(3), one step: state[0..3), the hidden state, advances; its first 3 are the step's output.
            global::System.Span<float> s1 = scratch.Slice(0, 18);
            global::System.Span<float> h1 = state.Slice(0, 3);
            global::StaticNet.Runtime.GruKernels.StreamStep(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount), input, h1, s1, hidden: 3);

// ---- StepPacked ----
            // Layer 1: Gru(3), one step: state[0..3), the hidden state, advances; its first 3 are the step's output.
            global::System.Span<float> s1 = scratch.Slice(0, 18);
            global::System.Span<float> h1 = state.Slice(0, 3);
            global::StaticNet.Runtime.GruKernels.StreamStepPacked(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount), input, h1, s1, hidden: 3);

// ---- Backward ----
            // Layer 1: Gru(3). dW1, db1 by backpropagation through time from g1 (every step's) and x, then the gradient flows to the input.
            global::StaticNet.Runtime.GruKernels.Backward(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount), input, g1,
                parameterGradients.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameterGradients.Slice(Layer1.BiasOffset, Layer1.BiasCount), inputGradients, features: 2, hidden: 3);

// ---- BackwardBatch ----
            // Layer 1: Gru(3): parameter gradients summed over the batch; the input's gradients are not needed.
            for (int sample = 0; sample < batch; sample++)
            {
                global::StaticNet.Runtime.GruKernels.Backward(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount), inputs.Slice(sample * 8, 8), g1.Slice(sample * 12, 12),
                    parameterGradients.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameterGradients.Slice(Layer1.BiasOffset, Layer1.BiasCount), global::System.Span<float>.Empty, features: 2, hidden: 3);
            }

// ---- ToOnnx ----
            // Layer 1: Gru(3), (4, 2) -> (4, 3).
            graph.BeginLayer();
            graph.Node("Transpose", "time_major", new string[] { graph.Current }, new int[] { 4, 2 }, global::StaticNet.Onnx.OnnxAttribute.Ints("perm", 1, 0, 2));
            graph.Node("GRU", new string[]
            {
                graph.Current,
                graph.Initializer("W", global::StaticNet.Onnx.OnnxGraph.Blocks(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount).Slice(0, 18), 6, 1, 0, 2), 1, 9, 2),
                graph.Initializer("R", global::StaticNet.Onnx.OnnxGraph.Blocks(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount).Slice(18), 9, 1, 0, 2), 1, 9, 3),
                graph.Initializer("B", global::StaticNet.Onnx.OnnxGraph.Blocks(parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount), 3, 1, 0, 2, 4, 3, 5), 1, 18),
            }, new int[] { 4, 3 }, global::StaticNet.Onnx.OnnxAttribute.Int("hidden_size", 3), global::StaticNet.Onnx.OnnxAttribute.Int("linear_before_reset", 1));
            graph.Node("Squeeze", new string[] { graph.Current, graph.Int64Constant("direction_axis", 1) }, new int[] { 4, 3 });
            graph.Node("Transpose", "batch_major", new string[] { graph.Current }, new int[] { 4, 3 }, global::StaticNet.Onnx.OnnxAttribute.Ints("perm", 1, 0, 2));

// ---- ToOnnxStep ----
            // Layer 1: Gru(3), (4, 2) -> (4, 3).
            graph.BeginLayer();
            graph.Node("Transpose", "time_major", new string[] { graph.Current }, new int[] { 1, 2 }, global::StaticNet.Onnx.OnnxAttribute.Ints("perm", 1, 0, 2));
            {
                // The state's part as the operator's initial state, [1, batch, 3]; its final state is the next.
                string front = graph.Int64Constant("direction_front", 0);
                string finalHidden = graph.NewName("Y_h");
                graph.Node("GRU", "", new string[]
                {
                    graph.Current,
                    graph.Initializer("W", global::StaticNet.Onnx.OnnxGraph.Blocks(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount).Slice(0, 18), 6, 1, 0, 2), 1, 9, 2),
                    graph.Initializer("R", global::StaticNet.Onnx.OnnxGraph.Blocks(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount).Slice(18), 9, 1, 0, 2), 1, 9, 3),
                    graph.Initializer("B", global::StaticNet.Onnx.OnnxGraph.Blocks(parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount), 3, 1, 0, 2, 4, 3, 5), 1, 18),
                    "",
                    graph.SideNode("Unsqueeze", "initial0", new string[] { graph.State("state0", 3), front }),
                }, new int[] { 1, 3 }, new string[] { finalHidden }, global::StaticNet.Onnx.OnnxAttribute.Int("hidden_size", 3), global::StaticNet.Onnx.OnnxAttribute.Int("linear_before_reset", 1));
                graph.NextState(graph.SideNode("Squeeze", "next", new string[] { finalHidden, front }));
            }
            graph.Node("Squeeze", new string[] { graph.Current, graph.Int64Constant("direction_axis", 1) }, new int[] { 1, 3 });
            graph.Node("Transpose", "batch_major", new string[] { graph.Current }, new int[] { 1, 3 }, global::StaticNet.Onnx.OnnxAttribute.Ints("perm", 1, 0, 2));

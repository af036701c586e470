// Conv1DCausal: layer 1 of [Network] [Input(5, 2)] [Conv1D(3, 2, Activation.ReLU, Causal = true, Dilation = 2)] [LastStep] [Dense(1)]

// ---- Forward ----
            // Layer 1: Conv1D(3, 2, ReLU, dilation 2, causal), (5, 2) -> (5, 3), looped.
            global::System.Span<float> a1 = scratch.Slice(0, 15);
            global::StaticNet.Runtime.Conv1DKernels.Forward(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount), input, a1,
                features: 2, kernel: 2, stride: 1, paddingBefore: 2, paddingAfter: 0, dilation: 2);
            global::StaticNet.Runtime.Activations.ReLU(a1, a1);

// ---- ForwardPacked ----
            // Layer 1: Conv1D(3, 2, ReLU, dilation 2, causal), (5, 2) -> (5, 3), looped.
            global::System.Span<float> a1 = scratch.Slice(0, 15);
            global::StaticNet.Runtime.CausalConvStream.ForwardPacked(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount), input, a1, features: 2, kernel: 2, dilation: 2);
            global::StaticNet.Runtime.Activations.ReLU(a1, a1);

// ---- Step ----
            // Layer 1: Conv1D(3, 2, ReLU, dilation 2, causal), one step: (2) -> (3), state[0..5), its last 2 input steps in a ring, then the ring's position, advances.
            global::System.Span<float> s1 = scratch.Slice(0, 4);
            global::System.Span<float> a1 = scratch.Slice(4, 3);
            global::System.Span<float> h1 = state.Slice(0, 5);
            global::StaticNet.Runtime.CausalConvStream.Step(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount), input, h1, s1, a1, kernel: 2, dilation: 2);
            global::StaticNet.Runtime.Activations.ReLU(a1, a1);

// ---- StepPacked ----
            // Layer 1: Conv1D(3, 2, ReLU, dilation 2, causal), one step: (2) -> (3), state[0..5), its last 2 input steps in a ring, then the ring's position, advances.
            global::System.Span<float> s1 = scratch.Slice(0, 4);
            global::System.Span<float> a1 = scratch.Slice(4, 3);
            global::System.Span<float> h1 = state.Slice(0, 5);
            global::StaticNet.Runtime.CausalConvStream.StepPacked(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount), input, h1, s1, a1, kernel: 2, dilation: 2);
            global::StaticNet.Runtime.Activations.ReLU(a1, a1);

// ---- Backward ----
            // Layer 1: Conv1D(3, 2, ReLU, dilation 2, causal). dW1 += g1 ⊗ the windows of x, db1 += g1, summed over the steps, then the gradient flows to the input.
            global::StaticNet.Runtime.Conv1DKernels.Backward(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), input, g1,
                parameterGradients.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameterGradients.Slice(Layer1.BiasOffset, Layer1.BiasCount), inputGradients,
                features: 2, kernel: 2, stride: 1, paddingBefore: 2, paddingAfter: 0, dilation: 2);

// ---- BackwardBatch ----
            // Layer 1: Conv1D(3, 2, ReLU, dilation 2, causal): parameter gradients summed over the batch; the input's gradients are not needed.
            for (int sample = 0; sample < batch; sample++)
            {
                global::StaticNet.Runtime.Conv1DKernels.Backward(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), inputs.Slice(sample * 10, 10), g1.Slice(sample * 15, 15),
                    parameterGradients.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameterGradients.Slice(Layer1.BiasOffset, Layer1.BiasCount), global::System.Span<float>.Empty,
                    features: 2, kernel: 2, stride: 1, paddingBefore: 2, paddingAfter: 0, dilation: 2);
            }

// ---- ToOnnx ----
            // Layer 1: Conv1D(3, 2, ReLU, dilation 2, causal), (5, 2) -> (5, 3).
            graph.BeginLayer();
            graph.Node("Transpose", "channels_first", new string[] { graph.Current }, new int[] { 2, 5 }, global::StaticNet.Onnx.OnnxAttribute.Ints("perm", 0, 2, 1));
            graph.Node("Conv", new string[]
            {
                graph.Current,
                graph.Initializer("weight", parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), 3, 2, 2),
                graph.Initializer("bias", parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount), 3),
            }, new int[] { 3, 5 }, global::StaticNet.Onnx.OnnxAttribute.Ints("kernel_shape", 2), global::StaticNet.Onnx.OnnxAttribute.Ints("strides", 1), global::StaticNet.Onnx.OnnxAttribute.Ints("dilations", 2), global::StaticNet.Onnx.OnnxAttribute.Ints("pads", 2, 0));
            graph.Node("Transpose", "steps_first", new string[] { graph.Current }, new int[] { 5, 3 }, global::StaticNet.Onnx.OnnxAttribute.Ints("perm", 0, 2, 1));
            graph.Node("Relu");

// ---- ToOnnxStep ----
            // Layer 1: Conv1D(3, 2, ReLU, dilation 2, causal), (5, 2) -> (5, 3).
            graph.BeginLayer();
            {
                // The window: the 2 remembered steps, oldest first from the ring's position (both in the state), then this one.
                string ring = graph.SideNode("Reshape", "history", new string[] { graph.State("history", 4), graph.Int64Constant("history_shape", 0, 2, 2) });
                string position = graph.SideNode("Cast", "position", new string[] { graph.State("position", 1) }, global::StaticNet.Onnx.OnnxAttribute.Int("to", 7));
                string oldest = graph.SideNode("Reshape", "oldest", new string[] { position, graph.Int64Constant("oldest_shape", 0, 1, 1) });
                string ages = graph.SideNode("Reshape", "ages", new string[] { graph.Int64Ramp("ages_values", 2), graph.Int64Constant("ages_shape", 2, 1) });
                string slots = graph.SideNode("Mod", "slots", new string[] { graph.SideNode("Add", "slots_unwrapped", new string[] { oldest, ages }), graph.Int64Constant("ring_length", 2) });
                string indices = graph.SideNode("Expand", "indices", new string[] { slots, graph.SideNode("Shape", "ring_shape", new string[] { ring }) });
                string remembered = graph.SideNode("GatherElements", "remembered", new string[] { ring, indices }, global::StaticNet.Onnx.OnnxAttribute.Int("axis", 1));
                graph.Node("Concat", "window", new string[]
                {
                    remembered,
                    graph.Current,
                }, new int[] { 3, 2 }, global::StaticNet.Onnx.OnnxAttribute.Int("axis", 1));
                // This step takes the oldest one's place; the position moves on.
                string newest = graph.SideNode("Slice", "newest", new string[] { graph.Current, graph.Int64Constant("newest_starts", 2), graph.Int64Constant("newest_ends", 3), graph.Int64Constant("newest_axes", 1) });
                string at = graph.SideNode("Expand", "at", new string[] { oldest, graph.SideNode("Shape", "step_shape", new string[] { newest }) });
                string next = graph.SideNode("ScatterElements", "next_ring", new string[] { ring, at, newest }, global::StaticNet.Onnx.OnnxAttribute.Int("axis", 1));
                graph.NextState(graph.SideNode("Reshape", "next_history", new string[] { next, graph.Int64Constant("next_history_shape", 0, 4) }));
                string moved = graph.SideNode("Mod", "moved", new string[] { graph.SideNode("Add", "moved_unwrapped", new string[] { position, graph.Int64Constant("one", 1) }), graph.Int64Constant("position_limit", 2) });
                graph.NextState(graph.SideNode("Cast", "next_position", new string[] { moved }, global::StaticNet.Onnx.OnnxAttribute.Int("to", 1)));
            }
            graph.Node("Transpose", "channels_first", new string[] { graph.Current }, new int[] { 2, 3 }, global::StaticNet.Onnx.OnnxAttribute.Ints("perm", 0, 2, 1));
            graph.Node("Conv", new string[]
            {
                graph.Current,
                graph.Initializer("weight", parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), 3, 2, 2),
                graph.Initializer("bias", parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount), 3),
            }, new int[] { 3, 1 }, global::StaticNet.Onnx.OnnxAttribute.Ints("kernel_shape", 2), global::StaticNet.Onnx.OnnxAttribute.Ints("strides", 1), global::StaticNet.Onnx.OnnxAttribute.Ints("dilations", 2), global::StaticNet.Onnx.OnnxAttribute.Ints("pads", 0, 0));
            graph.Node("Transpose", "steps_first", new string[] { graph.Current }, new int[] { 1, 3 }, global::StaticNet.Onnx.OnnxAttribute.Ints("perm", 0, 2, 1));
            graph.Node("Relu");

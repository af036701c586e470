// Multiply: layer 3 of [Network] [Input(3)] [Dense(3, Activation.Tanh, Name = "a")] [Dense(3, Activation.Sigmoid, From = "input", Name = "b")] [Multiply("a", "b")] [Dense(1)]

// ---- Forward ----
            // Layer 3: Multiply(a, b), (3) -> (3), looped.
            global::System.Span<float> a1 = scratch.Slice(0, 3);
            a1[0] = a1_0;
            a1[1] = a1_1;
            a1[2] = a1_2;
            global::System.Span<float> a2 = scratch.Slice(3, 3);
            a2[0] = a2_0;
            a2[1] = a2_1;
            a2[2] = a2_2;
            global::System.Span<float> a3 = scratch.Slice(6, 3);
            global::StaticNet.Runtime.GraphKernels.Multiply(a1, a2, a3);

// ---- ForwardPacked ----
            // Layer 3: Multiply(a, b), (3) -> (3), looped.
            global::System.Span<float> a1 = scratch.Slice(0, 3);
            a1[0] = a1_0;
            a1[1] = a1_1;
            a1[2] = a1_2;
            global::System.Span<float> a2 = scratch.Slice(3, 3);
            a2[0] = a2_0;
            a2[1] = a2_1;
            a2[2] = a2_2;
            global::System.Span<float> a3 = scratch.Slice(6, 3);
            global::StaticNet.Runtime.GraphKernels.Multiply(a1, a2, a3);

// ---- Backward ----
            // Layer 3: Multiply(a, b), (3) -> (3), looped.
            global::System.Span<float> a1 = scratch.Slice(0, 3);
            a1[0] = a1_0;
            a1[1] = a1_1;
            a1[2] = a1_2;
            global::System.Span<float> a2 = scratch.Slice(3, 3);
            a2[0] = a2_0;
            a2[1] = a2_1;
            a2[2] = a2_2;
            global::System.Span<float> a3 = scratch.Slice(6, 3);
            global::StaticNet.Runtime.GraphKernels.Multiply(a1, a2, a3);

            // Layer 3: Multiply(a, b). Each operand's gradient is the product's times the other operands.
            global::System.Span<float> g3 = scratch.Slice(11, 3);
            g3[0] = g3_0;
            g3[1] = g3_1;
            g3[2] = g3_2;
            global::System.Span<float> da1 = scratch.Slice(14, 3); // dLoss/d(outputs of layer 1), summed over its uses
            global::StaticNet.Runtime.GraphKernels.MultiplyGradient(g3, a2, da1, add: false);
            global::System.Span<float> da2 = scratch.Slice(17, 3); // dLoss/d(outputs of layer 2), summed over its uses
            global::StaticNet.Runtime.GraphKernels.MultiplyGradient(g3, a1, da2, add: false);

// ---- BackwardBatch ----
            // Layer 3: Multiply(a, b), (3) -> (3), for every sample.
            global::System.Span<float> a3 = scratch.Slice(batch * 6, batch * 3);
            global::StaticNet.Runtime.GraphKernels.Multiply(a1, a2, a3);

            // Layer 3: Multiply(a, b): each operand's gradient, for every sample.
            global::System.Span<float> da1 = scratch.Slice(batch * 14, batch * 3); // dLoss/d(outputs of layer 1), summed over its uses
            global::StaticNet.Runtime.GraphKernels.MultiplyGradient(g3, a2, da1, add: false);
            global::System.Span<float> da2 = scratch.Slice(batch * 17, batch * 3); // dLoss/d(outputs of layer 2), summed over its uses
            global::StaticNet.Runtime.GraphKernels.MultiplyGradient(g3, a1, da2, add: false);

// ---- ToOnnx ----
            // Layer 3: Multiply(a, b), (3) -> (3).
            string[] operands3 = new string[] { graph.Value(1), graph.Value(2) };
            graph.BeginLayer();
            graph.Node("Mul", new[] { operands3[0], operands3[1] }, new int[] { 3 });

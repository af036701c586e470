// Add: layer 3 of [Network] [Input(3)] [Dense(3, Name = "a")] [Dense(3, Activation.Tanh, Name = "b")] [Add("a", "b", Activation = Activation.ReLU)] [Dense(1)]

// ---- Forward ----
            // Layer 3: Add(a, b, ReLU), (3) -> (3), looped.
            global::System.Span<float> a1 = scratch.Slice(0, 3);
            a1[0] = a1_0;
            a1[1] = a1_1;
            a1[2] = a1_2;
            global::System.Span<float> a2 = scratch.Slice(3, 3);
            a2[0] = a2_0;
            a2[1] = a2_1;
            a2[2] = a2_2;
            global::System.Span<float> a3 = scratch.Slice(6, 3);
            global::StaticNet.Runtime.GraphKernels.Add(a1, a2, a3);
            global::StaticNet.Runtime.Activations.ReLU(a3, a3);

// ---- ForwardPacked ----
            // Layer 3: Add(a, b, ReLU), (3) -> (3), looped.
            global::System.Span<float> a1 = scratch.Slice(0, 3);
            a1[0] = a1_0;
            a1[1] = a1_1;
            a1[2] = a1_2;
            global::System.Span<float> a2 = scratch.Slice(3, 3);
            a2[0] = a2_0;
            a2[1] = a2_1;
            a2[2] = a2_2;
            global::System.Span<float> a3 = scratch.Slice(6, 3);
            global::StaticNet.Runtime.GraphKernels.Add(a1, a2, a3);
            global::StaticNet.Runtime.Activations.ReLU(a3, a3);

// ---- Backward ----
            // Layer 3: Add(a, b, ReLU), (3) -> (3), looped.
            global::System.Span<float> a1 = scratch.Slice(0, 3);
            a1[0] = a1_0;
            a1[1] = a1_1;
            a1[2] = a1_2;
            global::System.Span<float> a2 = scratch.Slice(3, 3);
            a2[0] = a2_0;
            a2[1] = a2_1;
            a2[2] = a2_2;
            global::System.Span<float> z3 = scratch.Slice(6, 3);
            global::StaticNet.Runtime.GraphKernels.Add(a1, a2, z3);
            global::System.Span<float> a3 = scratch.Slice(9, 3);
            global::StaticNet.Runtime.Activations.ReLU(z3, a3);

            // Layer 3: Add(a, b, ReLU). Each operand's gradient is the sum's.
            global::System.Span<float> g3 = scratch.Slice(14, 3);
            g3[0] = g3_0;
            g3[1] = g3_1;
            g3[2] = g3_2;
            global::System.Span<float> da1 = scratch.Slice(17, 3); // dLoss/d(outputs of layer 1), summed over its uses
            g3.CopyTo(da1);
            global::System.Span<float> da2 = scratch.Slice(20, 3); // dLoss/d(outputs of layer 2), summed over its uses
            g3.CopyTo(da2);

// ---- BackwardBatch ----
            // Layer 3: Add(a, b, ReLU), (3) -> (3), for every sample.
            global::System.Span<float> z3 = scratch.Slice(batch * 6, batch * 3);
            global::System.Span<float> a3 = scratch.Slice(batch * 9, batch * 3);
            global::StaticNet.Runtime.GraphKernels.Add(a1, a2, z3);
            global::StaticNet.Runtime.Activations.ReLU(z3, a3);

            // Layer 3: Add(a, b, ReLU): each operand's gradient, for every sample.
            global::System.Span<float> da1 = scratch.Slice(batch * 17, batch * 3); // dLoss/d(outputs of layer 1), summed over its uses
            g3.CopyTo(da1);
            global::System.Span<float> da2 = scratch.Slice(batch * 20, batch * 3); // dLoss/d(outputs of layer 2), summed over its uses
            g3.CopyTo(da2);

// ---- ToOnnx ----
            // Layer 3: Add(a, b, ReLU), (3) -> (3).
            string[] operands3 = new string[] { graph.Value(1), graph.Value(2) };
            graph.BeginLayer();
            graph.Node("Sum", operands3, new int[] { 3 });
            graph.Node("Relu");

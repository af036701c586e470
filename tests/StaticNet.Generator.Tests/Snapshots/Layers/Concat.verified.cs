// Concat: layer 3 of [Network] [Input(3)] [Dense(2, Name = "a")] [Dense(4, From = "input", Name = "b")] [Concat("a", "b")] [Dense(1)]

// ---- Forward ----
            // Layer 3: Concat(a, b), (6) -> (6), looped.
            global::System.Span<float> a1 = scratch.Slice(0, 2);
            a1[0] = a1_0;
            a1[1] = a1_1;
            global::System.Span<float> a2 = scratch.Slice(2, 4);
            a2[0] = a2_0;
            a2[1] = a2_1;
            a2[2] = a2_2;
            a2[3] = a2_3;
            global::System.Span<float> a3 = scratch.Slice(6, 6);
            a1.CopyTo(a3.Slice(0, 2));
            a2.CopyTo(a3.Slice(2, 4));

// ---- ForwardPacked ----
            // Layer 3: Concat(a, b), (6) -> (6), looped.
            global::System.Span<float> a1 = scratch.Slice(0, 2);
            a1[0] = a1_0;
            a1[1] = a1_1;
            global::System.Span<float> a2 = scratch.Slice(2, 4);
            a2[0] = a2_0;
            a2[1] = a2_1;
            a2[2] = a2_2;
            a2[3] = a2_3;
            global::System.Span<float> a3 = scratch.Slice(6, 6);
            a1.CopyTo(a3.Slice(0, 2));
            a2.CopyTo(a3.Slice(2, 4));

// ---- Backward ----
            // Layer 3: Concat(a, b), (6) -> (6), looped.
            global::System.Span<float> a1 = scratch.Slice(0, 2);
            a1[0] = a1_0;
            a1[1] = a1_1;
            global::System.Span<float> a2 = scratch.Slice(2, 4);
            a2[0] = a2_0;
            a2[1] = a2_1;
            a2[2] = a2_2;
            a2[3] = a2_3;
            global::System.Span<float> a3 = scratch.Slice(6, 6);
            a1.CopyTo(a3.Slice(0, 2));
            a2.CopyTo(a3.Slice(2, 4));

            // Layer 3: Concat(a, b). Each operand's gradient is its part of the join's.
            global::System.Span<float> g3 = scratch.Slice(14, 6);
            g3[0] = g3_0;
            g3[1] = g3_1;
            g3[2] = g3_2;
            g3[3] = g3_3;
            g3[4] = g3_4;
            g3[5] = g3_5;
            global::System.Span<float> da1 = scratch.Slice(20, 2); // dLoss/d(outputs of layer 1), summed over its uses
            g3.Slice(0, 2).CopyTo(da1);
            global::System.Span<float> da2 = scratch.Slice(22, 4); // dLoss/d(outputs of layer 2), summed over its uses
            g3.Slice(2, 4).CopyTo(da2);

// ---- BackwardBatch ----
            // Layer 3: Concat(a, b), (6) -> (6), for every sample.
            global::System.Span<float> a3 = scratch.Slice(batch * 6, batch * 6);
            global::StaticNet.Runtime.GraphKernels.Scatter(a1, 2, a3, 6, 0, add: false);
            global::StaticNet.Runtime.GraphKernels.Scatter(a2, 4, a3, 6, 2, add: false);

            // Layer 3: Concat(a, b): each operand's gradient, for every sample.
            global::System.Span<float> da1 = scratch.Slice(batch * 20, batch * 2); // dLoss/d(outputs of layer 1), summed over its uses
            global::StaticNet.Runtime.GraphKernels.Gather(g3, 6, 0, 2, da1, add: false);
            global::System.Span<float> da2 = scratch.Slice(batch * 22, batch * 4); // dLoss/d(outputs of layer 2), summed over its uses
            global::StaticNet.Runtime.GraphKernels.Gather(g3, 6, 2, 4, da2, add: false);

// ---- ToOnnx ----
            // Layer 3: Concat(a, b), (6) -> (6).
            string[] operands3 = new string[] { graph.Value(1), graph.Value(2) };
            graph.BeginLayer();
            graph.Node("Concat", operands3, new int[] { 6 }, global::StaticNet.Onnx.OnnxAttribute.Int("axis", 1));

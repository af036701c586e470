// Slice: layer 2 of [Network] [Input(4)] [Dense(5)] [Slice(1, 3)] [Dense(1)]

// ---- Forward ----
            // Layer 2: Slice(1, 3), (5) -> (3), looped.
            global::System.Span<float> a1 = scratch.Slice(0, 5);
            a1[0] = a1_0;
            a1[1] = a1_1;
            a1[2] = a1_2;
            a1[3] = a1_3;
            a1[4] = a1_4;
            global::System.Span<float> a2 = scratch.Slice(5, 3);
            a1.Slice(1, 3).CopyTo(a2);

// ---- ForwardPacked ----
            // Layer 2: Slice(1, 3), (5) -> (3), looped.
            global::System.Span<float> a1 = scratch.Slice(0, 5);
            a1[0] = a1_0;
            a1[1] = a1_1;
            a1[2] = a1_2;
            a1[3] = a1_3;
            a1[4] = a1_4;
            global::System.Span<float> a2 = scratch.Slice(5, 3);
            a1.Slice(1, 3).CopyTo(a2);

// ---- Backward ----
            // Layer 2: Slice(1, 3), (5) -> (3), looped.
            global::System.Span<float> a1 = scratch.Slice(0, 5);
            a1[0] = a1_0;
            a1[1] = a1_1;
            a1[2] = a1_2;
            a1[3] = a1_3;
            a1[4] = a1_4;
            global::System.Span<float> a2 = scratch.Slice(5, 3);
            a1.Slice(1, 3).CopyTo(a2);

            // Layer 2: Slice(1, 3). The gradient flows to layer 1 (Dense(5)).
            global::System.Span<float> g2 = scratch.Slice(10, 3);
            g2[0] = g2_0;
            g2[1] = g2_1;
            g2[2] = g2_2;
            global::System.Span<float> da1 = scratch.Slice(13, 5); // dLoss/d(output of layer 1)
            if (!da1.IsEmpty)
            {
                da1.Clear();
                g2.CopyTo(da1.Slice(1, 3));
            }
            float g1_0 = da1[0];
            float g1_1 = da1[1];
            float g1_2 = da1[2];
            float g1_3 = da1[3];
            float g1_4 = da1[4];

// ---- BackwardBatch ----
            // Layer 2: Slice(1, 3), (5) -> (3), for every sample.
            global::System.Span<float> a2 = scratch.Slice(batch * 5, batch * 3);
            global::StaticNet.Runtime.GraphKernels.Gather(a1, 5, 1, 3, a2, add: false);

            // Layer 2: Slice(1, 3): the gradient flows to layer 1.
            global::System.Span<float> g1 = scratch.Slice(batch * 13, batch * 5); // dLoss/d(output of layer 1)
            g1.Clear();
            global::StaticNet.Runtime.GraphKernels.Scatter(g2, 3, g1, 5, 1, add: false);

// ---- ToOnnx ----
            // Layer 2: Slice(1, 3), (5) -> (3).
            graph.BeginLayer();
            graph.Node("Slice", new string[]
            {
                graph.Current,
                graph.Int64Constant("starts", 1),
                graph.Int64Constant("ends", 4),
                graph.Int64Constant("axes", 1),
            }, new int[] { 3 });

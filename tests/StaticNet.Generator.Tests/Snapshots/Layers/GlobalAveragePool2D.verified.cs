// GlobalAveragePool2D: layer 2 of [Network] [Input(2, 4, 4)] [Conv2D(2, 1)] [GlobalAveragePool2D] [Dense(1)]

// ---- Forward ----
            // Layer 2: GlobalAveragePool2D, (2, 4, 4) -> (2), looped.
            global::System.Span<float> a2 = scratch.Slice(32, 2);
            global::StaticNet.Runtime.PoolingKernels.GlobalAverageForward(a1, a2, channels: 2, planeSize: 16);

// ---- Backward ----
            // Layer 2: GlobalAveragePool2D, (2, 4, 4) -> (2), looped.
            global::System.Span<float> a2 = scratch.Slice(32, 2);
            global::StaticNet.Runtime.PoolingKernels.GlobalAverageForward(a1, a2, channels: 2, planeSize: 16);

            // Layer 2: GlobalAveragePool2D. The gradient flows to layer 1 (Conv2D(2, 1x1)).
            global::System.Span<float> g2 = scratch.Slice(36, 2);
            g2[0] = g2_0;
            g2[1] = g2_1;
            global::System.Span<float> g1 = scratch.Slice(38, 32); // dLoss/d(output of layer 1)
            global::StaticNet.Runtime.PoolingKernels.GlobalAverageBackward(g2, g1, channels: 2, planeSize: 16);

// ---- BackwardBatch ----
            // Layer 2: GlobalAveragePool2D, (2, 4, 4) -> (2), for every sample.
            global::System.Span<float> a2 = scratch.Slice(batch * 32, batch * 2);
            for (int sample = 0; sample < batch; sample++)
            {
                global::StaticNet.Runtime.PoolingKernels.GlobalAverageForward(a1.Slice(sample * 32, 32), a2.Slice(sample * 2, 2), channels: 2, planeSize: 16);
            }

            // Layer 2: GlobalAveragePool2D: the gradient flows to layer 1.
            global::System.Span<float> g1 = scratch.Slice(batch * 38, batch * 32); // dLoss/d(output of layer 1)
            for (int sample = 0; sample < batch; sample++)
            {
                global::StaticNet.Runtime.PoolingKernels.GlobalAverageBackward(g2.Slice(sample * 2, 2), g1.Slice(sample * 32, 32), channels: 2, planeSize: 16);
            }

// ---- ToOnnx ----
            // Layer 2: GlobalAveragePool2D, (2, 4, 4) -> (2).
            graph.BeginLayer();
            graph.Node("GlobalAveragePool", new string[] { graph.Current }, new int[] { 2, 1, 1 });
            graph.Node("Flatten", "flatten", new string[] { graph.Current }, new int[] { 2 }, global::StaticNet.Onnx.OnnxAttribute.Int("axis", 1));

// MaxPool2D: layer 2 of [Network] [Input(2, 4, 4)] [Conv2D(2, 1)] [MaxPool2D(2)] [Flatten] [Dense(1)]

// ---- Forward ----
            // Layer 2: MaxPool2D(2), (2, 4, 4) -> (2, 2, 2), looped.
            global::System.Span<float> a2 = scratch.Slice(32, 8);
            global::StaticNet.Runtime.PoolingKernels.MaxForward(a1, a2, channels: 2, inputHeight: 4, inputWidth: 4, size: 2);

// ---- Backward ----
            // Layer 2: MaxPool2D(2), (2, 4, 4) -> (2, 2, 2), looped.
            global::System.Span<float> a2 = scratch.Slice(32, 8);
            global::StaticNet.Runtime.PoolingKernels.MaxForward(a1, a2, channels: 2, inputHeight: 4, inputWidth: 4, size: 2);

            // Layer 2: MaxPool2D(2). The gradient flows to layer 1 (Conv2D(2, 1x1)).
            global::System.Span<float> g2 = scratch.Slice(42, 8);
            g2[0] = g2_0;
            g2[1] = g2_1;
            g2[2] = g2_2;
            g2[3] = g2_3;
            g2[4] = g2_4;
            g2[5] = g2_5;
            g2[6] = g2_6;
            g2[7] = g2_7;
            global::System.Span<float> g1 = scratch.Slice(50, 32); // dLoss/d(output of layer 1)
            global::StaticNet.Runtime.PoolingKernels.MaxBackward(a1, g2, g1, channels: 2, inputHeight: 4, inputWidth: 4, size: 2);

// ---- BackwardBatch ----
            // Layer 2: MaxPool2D(2), (2, 4, 4) -> (2, 2, 2), for every sample.
            global::System.Span<float> a2 = scratch.Slice(batch * 32, batch * 8);
            global::StaticNet.Runtime.PoolingKernels.MaxForwardBatch(a1, a2, channels: 2, inputHeight: 4, inputWidth: 4, size: 2);

            // Layer 2: MaxPool2D(2): the gradient flows to layer 1.
            global::System.Span<float> g1 = scratch.Slice(batch * 50, batch * 32); // dLoss/d(output of layer 1)
            global::StaticNet.Runtime.PoolingKernels.MaxBackwardBatch(a1, g2, g1, channels: 2, inputHeight: 4, inputWidth: 4, size: 2);

// ---- ToOnnx ----
            // Layer 2: MaxPool2D(2), (2, 4, 4) -> (2, 2, 2).
            graph.BeginLayer();
            graph.Node("MaxPool", new string[] { graph.Current }, new int[] { 2, 2, 2 }, global::StaticNet.Onnx.OnnxAttribute.Ints("kernel_shape", 2, 2), global::StaticNet.Onnx.OnnxAttribute.Ints("strides", 2, 2));

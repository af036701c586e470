// Dropout: layer 2 of [Network] [Input(4)] [Dense(4, Activation.ReLU)] [Dropout(0.5f)] [Dense(1)]

// ---- Forward ----
            // Layer 2: Dropout(0.5): passes values through at inference, nothing to do.

// ---- ForwardPacked ----
            // Layer 2: Dropout(0.5): passes values through at inference, nothing to do.

// ---- BackwardCore ----
            // Layer 2: Dropout(0.5), (4): a random mask in training, all ones otherwise.
            global::System.Span<float> a1 = scratch.Slice(0, 4);
            a1[0] = a1_0;
            a1[1] = a1_1;
            a1[2] = a1_2;
            a1[3] = a1_3;
            global::System.Span<float> a2 = scratch.Slice(4, 4);
            global::System.Span<float> m2 = scratch.Slice(8, 4);
            global::StaticNet.Runtime.DropoutKernels.Forward(a1, a2, m2, training ? 0.5f : 0f, ref random);

            // Layer 2: Dropout(0.5). The gradient flows to layer 1 through its ReLU activation.
            global::System.Span<float> g2 = scratch.Slice(14, 4);
            g2[0] = g2_0;
            g2[1] = g2_1;
            g2[2] = g2_2;
            g2[3] = g2_3;
            global::System.Span<float> da1 = scratch.Slice(18, 4); // dLoss/d(output of layer 1)
            global::StaticNet.Runtime.DropoutKernels.Backward(g2, m2, da1);
            float g1_0 = global::StaticNet.Runtime.Activations.ReLUGradient(z1_0, da1[0]);
            float g1_1 = global::StaticNet.Runtime.Activations.ReLUGradient(z1_1, da1[1]);
            float g1_2 = global::StaticNet.Runtime.Activations.ReLUGradient(z1_2, da1[2]);
            float g1_3 = global::StaticNet.Runtime.Activations.ReLUGradient(z1_3, da1[3]);

// ---- BackwardBatch ----
            // Layer 2: Dropout(0.5), (4): a fresh random mask for every sample.
            global::System.Span<float> a2 = scratch.Slice(batch * 8, batch * 4);
            global::System.Span<float> m2 = scratch.Slice(batch * 12, batch * 4);
            global::StaticNet.Runtime.DropoutKernels.Forward(a1, a2, m2, 0.5f, ref random);

            // Layer 2: Dropout(0.5): the gradient flows to layer 1.
            global::System.Span<float> g1 = scratch.Slice(batch * 22, batch * 4); // dLoss/d(output of layer 1)
            global::StaticNet.Runtime.DropoutKernels.Backward(g2, m2, g1);
            global::StaticNet.Runtime.Activations.ReLUGradient(z1, g1, g1);

// ---- ToOnnx ----
            // Layer 2: Dropout(0.5), (4) -> (4).
            graph.BeginLayer();

// ActivateTanh: layer 2 of [Network] [Input(3)] [Dense(4)] [Activate(Activation.Tanh)] [Dense(1)]

// ---- Forward ----
            // Layer 2: Activate(Tanh), (4) -> (4), looped; tanh as a rational function within 5.4 ulp at inference (training: within one ulp).
            global::System.Span<float> a1 = scratch.Slice(0, 4);
            a1[0] = a1_0;
            a1[1] = a1_1;
            a1[2] = a1_2;
            a1[3] = a1_3;
            global::System.Span<float> a2 = scratch.Slice(4, 4);
            a1.CopyTo(a2); // the activation follows, in place
            global::StaticNet.Runtime.Activations.RationalTanh(a2, a2);

// ---- ForwardPacked ----
            // Layer 2: Activate(Tanh), (4) -> (4), looped; tanh as a rational function within 5.4 ulp at inference (training: within one ulp).
            global::System.Span<float> a1 = scratch.Slice(0, 4);
            a1[0] = a1_0;
            a1[1] = a1_1;
            a1[2] = a1_2;
            a1[3] = a1_3;
            global::System.Span<float> a2 = scratch.Slice(4, 4);
            a1.CopyTo(a2); // the activation follows, in place
            global::StaticNet.Runtime.Activations.RationalTanh(a2, a2);

// ---- Backward ----
            // Layer 2: Activate(Tanh), (4) -> (4), looped.
            global::System.Span<float> a1 = scratch.Slice(0, 4);
            a1[0] = a1_0;
            a1[1] = a1_1;
            a1[2] = a1_2;
            a1[3] = a1_3;
            global::System.Span<float> a2 = scratch.Slice(4, 4);
            a1.CopyTo(a2); // the activation follows, in place
            global::StaticNet.Runtime.Activations.Tanh(a2, a2);

            // Layer 2: Activate(Tanh). The gradient flows to layer 1 (Dense(4)).
            global::System.Span<float> g2 = scratch.Slice(10, 4);
            g2[0] = g2_0;
            g2[1] = g2_1;
            g2[2] = g2_2;
            g2[3] = g2_3;
            global::System.Span<float> da1 = scratch.Slice(14, 4); // dLoss/d(output of layer 1)
            g2.CopyTo(da1);
            float g1_0 = da1[0];
            float g1_1 = da1[1];
            float g1_2 = da1[2];
            float g1_3 = da1[3];

// ---- BackwardBatch ----
            // Layer 2: Activate(Tanh), (4) -> (4), for every sample.
            global::System.Span<float> a2 = scratch.Slice(batch * 4, batch * 4);
            for (int sample = 0; sample < batch; sample++)
            {
                a1.Slice(sample * 4, 4).CopyTo(a2.Slice(sample * 4, 4)); // the activation follows, in place
            }
            global::StaticNet.Runtime.Activations.Tanh(a2, a2);

            // Layer 2: Activate(Tanh): the gradient flows to layer 1.
            global::System.Span<float> g1 = scratch.Slice(batch * 14, batch * 4); // dLoss/d(output of layer 1)
            for (int sample = 0; sample < batch; sample++)
            {
                g2.Slice(sample * 4, 4).CopyTo(g1.Slice(sample * 4, 4));
            }

// ---- ToOnnx ----
            // Layer 2: Activate(Tanh), (4) -> (4).
            graph.BeginLayer();
            graph.Node("Tanh");

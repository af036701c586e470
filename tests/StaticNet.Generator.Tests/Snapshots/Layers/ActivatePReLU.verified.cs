// ActivatePReLU: layer 2 of [Network] [Input(2, 3, 3)] [Conv2D(2, 1)] [Activate(Activation.PReLU)] [Flatten] [Dense(1)]

// ---- Forward ----
            // Layer 2: Activate(PReLU), (2, 3, 3) -> (2, 3, 3), looped.
            global::System.Span<float> a2 = scratch.Slice(18, 18);
            a1.CopyTo(a2); // the activation follows, in place
            global::StaticNet.Runtime.Activations.PReLU(a2, parameters.Slice(Layer2.SlopeOffset, Layer2.SlopeCount), a2, planeSize: 9);

// ---- Backward ----
            // Layer 2: Activate(PReLU), (2, 3, 3) -> (2, 3, 3), looped.
            global::System.Span<float> z2 = scratch.Slice(18, 18);
            a1.CopyTo(z2); // the activation follows, in place
            global::System.Span<float> a2 = scratch.Slice(36, 18);
            global::StaticNet.Runtime.Activations.PReLU(z2, parameters.Slice(Layer2.SlopeOffset, Layer2.SlopeCount), a2, planeSize: 9);

            // Layer 2: Activate(PReLU). The gradient flows to layer 1 (Conv2D(2, 1x1)).
            global::System.Span<float> g2 = scratch.Slice(56, 18);
            g2[0] = g2_0;
            g2[1] = g2_1;
            g2[2] = g2_2;
            g2[3] = g2_3;
            g2[4] = g2_4;
            g2[5] = g2_5;
            g2[6] = g2_6;
            g2[7] = g2_7;
            g2[8] = g2_8;
            g2[9] = g2_9;
            g2[10] = g2_10;
            g2[11] = g2_11;
            g2[12] = g2_12;
            g2[13] = g2_13;
            g2[14] = g2_14;
            g2[15] = g2_15;
            g2[16] = g2_16;
            g2[17] = g2_17;
            global::System.Span<float> g1 = scratch.Slice(74, 18); // dLoss/d(output of layer 1)
            g2.CopyTo(g1);

// ---- BackwardBatch ----
            // Layer 2: Activate(PReLU), (2, 3, 3) -> (2, 3, 3), for every sample.
            global::System.Span<float> z2 = scratch.Slice(batch * 18, batch * 18);
            global::System.Span<float> a2 = scratch.Slice(batch * 36, batch * 18);
            for (int sample = 0; sample < batch; sample++)
            {
                a1.Slice(sample * 18, 18).CopyTo(z2.Slice(sample * 18, 18)); // the activation follows, in place
            }
            global::StaticNet.Runtime.Activations.PReLU(z2, parameters.Slice(Layer2.SlopeOffset, Layer2.SlopeCount), a2, planeSize: 9);

            // Layer 2: Activate(PReLU): parameter gradients summed over the batch; the gradient flows to layer 1.
            global::System.Span<float> g1 = scratch.Slice(batch * 74, batch * 18); // dLoss/d(output of layer 1)
            for (int sample = 0; sample < batch; sample++)
            {
                g2.Slice(sample * 18, 18).CopyTo(g1.Slice(sample * 18, 18));
            }

// ---- ToOnnx ----
            // Layer 2: Activate(PReLU), (2, 3, 3) -> (2, 3, 3).
            graph.BeginLayer();
            graph.Node("PRelu", new[] { graph.Current, graph.PerChannel("prelu", parameters.Slice(Layer2.SlopeOffset, Layer2.SlopeCount)) });

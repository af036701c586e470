// BatchNorm: layer 2 of [Network] [Input(4)] [Dense(3)] [BatchNorm(Activation.ReLU)] [Dense(1)]

// ---- Forward ----
            // Layer 2: BatchNorm(3, ReLU), (3) -> (3), looped.
            global::System.Span<float> a1 = scratch.Slice(0, 3);
            a1[0] = a1_0;
            a1[1] = a1_1;
            a1[2] = a1_2;
            global::System.Span<float> a2 = scratch.Slice(3, 3);
            global::StaticNet.Runtime.BatchNormKernels.InferenceForward(
                parameters.Slice(Layer2.WeightOffset, Layer2.WeightCount), parameters.Slice(Layer2.BiasOffset, Layer2.BiasCount),
                state.Slice(Layer2.RunningMeanOffset, Layer2.Features), state.Slice(Layer2.RunningVarianceOffset, Layer2.Features),
                a1, a2, planeSize: 1, epsilon: 1E-05f);
            global::StaticNet.Runtime.Activations.ReLU(a2, a2);

// ---- ForwardPacked ----
            // Layer 2: BatchNorm(3, ReLU), (3) -> (3), looped.
            global::System.Span<float> a1 = scratch.Slice(0, 3);
            a1[0] = a1_0;
            a1[1] = a1_1;
            a1[2] = a1_2;
            global::System.Span<float> a2 = scratch.Slice(3, 3);
            global::StaticNet.Runtime.BatchNormKernels.InferenceForward(
                parameters.Slice(Layer2.WeightOffset, Layer2.WeightCount), parameters.Slice(Layer2.BiasOffset, Layer2.BiasCount),
                state.Slice(Layer2.RunningMeanOffset, Layer2.Features), state.Slice(Layer2.RunningVarianceOffset, Layer2.Features),
                a1, a2, planeSize: 1, epsilon: 1E-05f);
            global::StaticNet.Runtime.Activations.ReLU(a2, a2);

// ---- Backward ----
            // Layer 2: BatchNorm(3, ReLU), (3) -> (3), looped.
            global::System.Span<float> a1 = scratch.Slice(0, 3);
            a1[0] = a1_0;
            a1[1] = a1_1;
            a1[2] = a1_2;
            global::System.Span<float> z2 = scratch.Slice(3, 3);
            global::StaticNet.Runtime.BatchNormKernels.InferenceForward(
                parameters.Slice(Layer2.WeightOffset, Layer2.WeightCount), parameters.Slice(Layer2.BiasOffset, Layer2.BiasCount),
                state.Slice(Layer2.RunningMeanOffset, Layer2.Features), state.Slice(Layer2.RunningVarianceOffset, Layer2.Features),
                a1, z2, planeSize: 1, epsilon: 1E-05f);
            global::System.Span<float> a2 = scratch.Slice(6, 3);
            global::StaticNet.Runtime.Activations.ReLU(z2, a2);

            // Layer 2: BatchNorm(3, ReLU). dGamma2 += g2 · normalised a1, dBeta2 += g2, then the gradient flows to layer 1 (Dense(3)).
            global::System.Span<float> g2 = scratch.Slice(11, 3);
            g2[0] = g2_0;
            g2[1] = g2_1;
            g2[2] = g2_2;
            global::System.Span<float> da1 = scratch.Slice(14, 3); // dLoss/d(output of layer 1)
            global::StaticNet.Runtime.BatchNormKernels.InferenceBackward(parameters.Slice(Layer2.WeightOffset, Layer2.WeightCount), state.Slice(Layer2.RunningMeanOffset, Layer2.Features), state.Slice(Layer2.RunningVarianceOffset, Layer2.Features), a1, g2,
                parameterGradients.Slice(Layer2.WeightOffset, Layer2.WeightCount), parameterGradients.Slice(Layer2.BiasOffset, Layer2.BiasCount), da1, planeSize: 1, epsilon: 1E-05f);
            float g1_0 = da1[0];
            float g1_1 = da1[1];
            float g1_2 = da1[2];

// ---- ForwardBatch ----
            // Layer 2: BatchNorm(3, ReLU), (3) -> (3), for every sample.
            global::System.Span<float> a2 = scratch.Slice(batch * 3, batch * 3);
            global::StaticNet.Runtime.BatchNormKernels.InferenceForward(
                parameters.Slice(Layer2.WeightOffset, Layer2.WeightCount), parameters.Slice(Layer2.BiasOffset, Layer2.BiasCount),
                state.Slice(Layer2.RunningMeanOffset, Layer2.Features), state.Slice(Layer2.RunningVarianceOffset, Layer2.Features),
                a1, a2, planeSize: 1, epsilon: 1E-05f);
            global::StaticNet.Runtime.Activations.ReLU(a2, a2);

// ---- BackwardBatch ----
            // Layer 2: BatchNorm(3, ReLU), (3) -> (3), for every sample.
            global::System.Span<float> z2 = scratch.Slice(batch * 3, batch * 3);
            global::System.Span<float> a2 = scratch.Slice(batch * 6, batch * 3);
            global::System.Span<float> batchNorm2Mean = scratch.Slice((batch * PerSample) + 0, 3); // this batch's mean per feature
            global::System.Span<float> batchNorm2InverseStd = scratch.Slice((batch * PerSample) + 3, 3); // and 1 / sqrt(variance + epsilon)
            global::StaticNet.Runtime.BatchNormKernels.TrainingForward(
                parameters.Slice(Layer2.WeightOffset, Layer2.WeightCount), parameters.Slice(Layer2.BiasOffset, Layer2.BiasCount),
                state.Slice(Layer2.RunningMeanOffset, Layer2.Features), state.Slice(Layer2.RunningVarianceOffset, Layer2.Features),
                a1, z2, batchNorm2Mean, batchNorm2InverseStd,
                planeSize: 1, momentum: 0.1f, epsilon: 1E-05f);
            global::StaticNet.Runtime.Activations.ReLU(z2, a2);

            // Layer 2: BatchNorm(3, ReLU): parameter gradients summed over the batch; the gradient flows to layer 1.
            global::System.Span<float> g1 = scratch.Slice(batch * 14, batch * 3); // dLoss/d(output of layer 1)
            global::StaticNet.Runtime.BatchNormKernels.TrainingBackward(parameters.Slice(Layer2.WeightOffset, Layer2.WeightCount), a1, g2, batchNorm2Mean, batchNorm2InverseStd,
                parameterGradients.Slice(Layer2.WeightOffset, Layer2.WeightCount), parameterGradients.Slice(Layer2.BiasOffset, Layer2.BiasCount), g1, planeSize: 1);

// ---- ToOnnx ----
            // Layer 2: BatchNorm(3, ReLU), (3) -> (3).
            graph.BeginLayer();
            graph.Node("BatchNormalization", new string[]
            {
                graph.Current,
                graph.Initializer("weight", parameters.Slice(Layer2.WeightOffset, Layer2.WeightCount), 3),
                graph.Initializer("bias", parameters.Slice(Layer2.BiasOffset, Layer2.BiasCount), 3),
                graph.Initializer("running_mean", state.Slice(Layer2.RunningMeanOffset, Layer2.Features), 3),
                graph.Initializer("running_var", state.Slice(Layer2.RunningVarianceOffset, Layer2.Features), 3),
            }, new int[] { 3 }, global::StaticNet.Onnx.OnnxAttribute.Float("epsilon", 1E-05f));
            graph.Node("Relu");

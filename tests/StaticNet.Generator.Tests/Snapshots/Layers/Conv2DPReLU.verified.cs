// Conv2DPReLU: layer 1 of [Network] [Input(1, 4, 4)] [Conv2D(2, 3, Activation.PReLU)] [Flatten] [Dense(1)]

// ---- Forward ----
            // Layer 1: Conv2D(2, 3x3, PReLU), (1, 4, 4) -> (2, 2, 2), looped.
            global::System.Span<float> a1 = scratch.Slice(0, 8);
            global::StaticNet.Runtime.Conv2DKernels.Forward(
                parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount),
                input, a1,
                inputChannels: 1, inputHeight: 4, inputWidth: 4, kernel: 3, stride: 1, padding: 0);
            global::StaticNet.Runtime.Activations.PReLU(a1, parameters.Slice(Layer1.SlopeOffset, Layer1.SlopeCount), a1, planeSize: 4);

// ---- Backward ----
            // Layer 1: Conv2D(2, 3x3, PReLU). dW1 += g1 ⊗ x, db1 += g1, then the gradient flows to the input.
            global::System.Span<float> g1 = scratch.Slice(18, 8);
            g1[0] = g1_0;
            g1[1] = g1_1;
            g1[2] = g1_2;
            g1[3] = g1_3;
            g1[4] = g1_4;
            g1[5] = g1_5;
            g1[6] = g1_6;
            g1[7] = g1_7;
            global::StaticNet.Runtime.Conv2DKernels.Backward(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), input, g1,
                parameterGradients.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameterGradients.Slice(Layer1.BiasOffset, Layer1.BiasCount), inputGradients,
                inputChannels: 1, inputHeight: 4, inputWidth: 4, kernel: 3, stride: 1, padding: 0);

// ---- BackwardBatch ----
            // Layer 1: Conv2D(2, 3x3, PReLU): parameter gradients summed over the batch; the input's gradients are not needed.
            global::StaticNet.Runtime.Conv2DKernels.BackwardBatch(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), inputs, g1,
                parameterGradients.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameterGradients.Slice(Layer1.BiasOffset, Layer1.BiasCount), global::System.Span<float>.Empty,
                inputChannels: 1, inputHeight: 4, inputWidth: 4, kernel: 3, stride: 1, padding: 0);

// ---- ToOnnx ----
            // Layer 1: Conv2D(2, 3x3, PReLU), (1, 4, 4) -> (2, 2, 2).
            graph.BeginLayer();
            graph.Node("Conv", new string[]
            {
                graph.Current,
                graph.Initializer("weight", parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), 2, 1, 3, 3),
                graph.Initializer("bias", parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount), 2),
            }, new int[] { 2, 2, 2 }, global::StaticNet.Onnx.OnnxAttribute.Ints("kernel_shape", 3, 3), global::StaticNet.Onnx.OnnxAttribute.Ints("strides", 1, 1), global::StaticNet.Onnx.OnnxAttribute.Ints("pads", 0, 0, 0, 0));
            graph.Node("PRelu", new[] { graph.Current, graph.PerChannel("prelu", parameters.Slice(Layer1.SlopeOffset, Layer1.SlopeCount)) });

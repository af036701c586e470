// Conv1DStrided: layer 1 of [Network] [Input(6, 2)] [Conv1D(3, 3, Stride = 2, Padding = 1)] [Flatten] [Dense(1)]

// ---- Forward ----
            // Layer 1: Conv1D(3, 3, stride 2, padding 1), (6, 2) -> (3, 3), looped.
            global::System.Span<float> a1 = scratch.Slice(0, 9);
            global::StaticNet.Runtime.Conv1DKernels.Forward(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount), input, a1,
                features: 2, kernel: 3, stride: 2, paddingBefore: 1, paddingAfter: 1, dilation: 1);

// ---- Backward ----
            // Layer 1: Conv1D(3, 3, stride 2, padding 1). dW1 += g1 ⊗ the windows of x, db1 += g1, summed over the steps, then the gradient flows to the input.
            global::System.Span<float> g1 = scratch.Slice(11, 9);
            g1[0] = g1_0;
            g1[1] = g1_1;
            g1[2] = g1_2;
            g1[3] = g1_3;
            g1[4] = g1_4;
            g1[5] = g1_5;
            g1[6] = g1_6;
            g1[7] = g1_7;
            g1[8] = g1_8;
            global::StaticNet.Runtime.Conv1DKernels.Backward(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), input, g1,
                parameterGradients.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameterGradients.Slice(Layer1.BiasOffset, Layer1.BiasCount), inputGradients,
                features: 2, kernel: 3, stride: 2, paddingBefore: 1, paddingAfter: 1, dilation: 1);

// ---- BackwardBatch ----
            // Layer 1: Conv1D(3, 3, stride 2, padding 1): parameter gradients summed over the batch; the input's gradients are not needed.
            for (int sample = 0; sample < batch; sample++)
            {
                global::StaticNet.Runtime.Conv1DKernels.Backward(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), inputs.Slice(sample * 12, 12), g1.Slice(sample * 9, 9),
                    parameterGradients.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameterGradients.Slice(Layer1.BiasOffset, Layer1.BiasCount), global::System.Span<float>.Empty,
                    features: 2, kernel: 3, stride: 2, paddingBefore: 1, paddingAfter: 1, dilation: 1);
            }

// ---- ToOnnx ----
            // Layer 1: Conv1D(3, 3, stride 2, padding 1), (6, 2) -> (3, 3).
            graph.BeginLayer();
            graph.Node("Transpose", "channels_first", new string[] { graph.Current }, new int[] { 2, 6 }, global::StaticNet.Onnx.OnnxAttribute.Ints("perm", 0, 2, 1));
            graph.Node("Conv", new string[]
            {
                graph.Current,
                graph.Initializer("weight", parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), 3, 2, 3),
                graph.Initializer("bias", parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount), 3),
            }, new int[] { 3, 3 }, global::StaticNet.Onnx.OnnxAttribute.Ints("kernel_shape", 3), global::StaticNet.Onnx.OnnxAttribute.Ints("strides", 2), global::StaticNet.Onnx.OnnxAttribute.Ints("dilations", 1), global::StaticNet.Onnx.OnnxAttribute.Ints("pads", 1, 1));
            graph.Node("Transpose", "steps_first", new string[] { graph.Current }, new int[] { 3, 3 }, global::StaticNet.Onnx.OnnxAttribute.Ints("perm", 0, 2, 1));

// Conv2DNoBias: layer 1 of [Network] [Input(2, 5, 5)] [Conv2D(3, 3, Bias = false)] [BatchNorm(Activation.ReLU)] [Flatten] [Dense(1)]

// ---- Forward ----
            // Layer 1: Conv2D(3, 3x3, no bias), (2, 5, 5) -> (3, 3, 3), looped.
            global::System.Span<float> a1 = scratch.Slice(0, 27);
            global::StaticNet.Runtime.Conv2DKernels.Forward(
                parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), global::StaticNet.Runtime.NoBias.Values(3),
                input, a1,
                inputChannels: 2, inputHeight: 5, inputWidth: 5, kernel: 3, stride: 1, padding: 0);

// ---- Backward ----
            // Layer 1: Conv2D(3, 3x3, no bias). dW1 += g1 ⊗ x (no biases), then the gradient flows to the input.
            global::StaticNet.Runtime.Conv2DKernels.Backward(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), input, g1,
                parameterGradients.Slice(Layer1.WeightOffset, Layer1.WeightCount), global::StaticNet.Runtime.NoBias.Gradients(3), inputGradients,
                inputChannels: 2, inputHeight: 5, inputWidth: 5, kernel: 3, stride: 1, padding: 0);

// ---- ForwardBatch ----
            // Layer 1: Conv2D(3, 3x3, no bias), (2, 5, 5) -> (3, 3, 3), for every sample.
            global::System.Span<float> a1 = scratch.Slice(batch * 0, batch * 27);
            global::StaticNet.Runtime.Conv2DKernels.ForwardBatch(
                parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), global::StaticNet.Runtime.NoBias.Values(3),
                inputs, a1,
                inputChannels: 2, inputHeight: 5, inputWidth: 5, kernel: 3, stride: 1, padding: 0);

// ---- BackwardBatch ----
            // Layer 1: Conv2D(3, 3x3, no bias): parameter gradients summed over the batch; the input's gradients are not needed.
            global::StaticNet.Runtime.Conv2DKernels.BackwardBatch(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), inputs, g1,
                parameterGradients.Slice(Layer1.WeightOffset, Layer1.WeightCount), global::StaticNet.Runtime.NoBias.Gradients(3), global::System.Span<float>.Empty,
                inputChannels: 2, inputHeight: 5, inputWidth: 5, kernel: 3, stride: 1, padding: 0);

// ---- ToOnnx ----
            // Layer 1: Conv2D(3, 3x3, no bias), (2, 5, 5) -> (3, 3, 3).
            graph.BeginLayer();
            graph.Node("Conv", new string[]
            {
                graph.Current,
                graph.Initializer("weight", parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), 3, 2, 3, 3),
                graph.Initializer("bias", global::StaticNet.Runtime.NoBias.Values(3), 3),
            }, new int[] { 3, 3, 3 }, global::StaticNet.Onnx.OnnxAttribute.Ints("kernel_shape", 3, 3), global::StaticNet.Onnx.OnnxAttribute.Ints("strides", 1, 1), global::StaticNet.Onnx.OnnxAttribute.Ints("pads", 0, 0, 0, 0));

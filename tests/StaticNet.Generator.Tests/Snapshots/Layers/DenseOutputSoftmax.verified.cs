// DenseOutputSoftmax: layer 1 of [Network(Loss = Loss.CrossEntropy)] [Input(2)] [Dense(3, Activation.Softmax)]

// ---- Forward ----
            // Layer 1: Dense(3, Softmax), (2) -> (3), unrolled.
            float x0 = input[0];
            float x1 = input[1];
            // Weights [3, 2] row-major at parameters[0..6), biases at parameters[6..9).
            global::System.ReadOnlySpan<float> w1 = parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount);
            global::System.ReadOnlySpan<float> b1 = parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount);
            float z1_0 = b1[0] + w1[0] * x0 + w1[1] * x1;
            float z1_1 = b1[1] + w1[2] * x0 + w1[3] * x1;
            float z1_2 = b1[2] + w1[4] * x0 + w1[5] * x1;
            // Softmax: exp of each sum minus the largest, so none overflows, then divided by their total.
            float max1 = z1_0;
            max1 = global::System.MathF.Max(max1, z1_1);
            max1 = global::System.MathF.Max(max1, z1_2);
            float e1_0 = global::System.MathF.Exp(z1_0 - max1);
            float e1_1 = global::System.MathF.Exp(z1_1 - max1);
            float e1_2 = global::System.MathF.Exp(z1_2 - max1);
            float inverse1 = 1f / (e1_0 + e1_1 + e1_2);
            output[0] = e1_0 * inverse1;
            output[1] = e1_1 * inverse1;
            output[2] = e1_2 * inverse1;

// ---- ForwardPacked ----
            // Layer 1: Dense(3, Softmax), (2) -> (3), unrolled.
            // Weights [2, 3] row-major, packed at parameters[0..6), biases at parameters[6..9).
            #if NET8_0_OR_GREATER
            // All 3 sums in one 128-bit vector: each input times its column of the packed weights, added as Forward adds them.
            ref float start1 = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(parameters);
            global::System.Runtime.Intrinsics.Vector128<float> sums1 = global::System.Runtime.Intrinsics.Vector128.Create(parameters[6], parameters[7], parameters[8], 0f);
            sums1 += global::System.Runtime.Intrinsics.Vector128.LoadUnsafe(ref start1, 0) * global::System.Runtime.Intrinsics.Vector128.Create(input[0]);
            sums1 += global::System.Runtime.Intrinsics.Vector128.LoadUnsafe(ref start1, 3) * global::System.Runtime.Intrinsics.Vector128.Create(input[1]);
            float sum1_0 = global::System.Runtime.Intrinsics.Vector128.GetElement(sums1, 0);
            float sum1_1 = global::System.Runtime.Intrinsics.Vector128.GetElement(sums1, 1);
            float sum1_2 = global::System.Runtime.Intrinsics.Vector128.GetElement(sums1, 2);
            #else
            global::System.ReadOnlySpan<float> w1 = parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount);
            global::System.ReadOnlySpan<float> b1 = parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount);
            float sum1_0 = b1[0] + w1[0] * input[0] + w1[3] * input[1];
            float sum1_1 = b1[1] + w1[1] * input[0] + w1[4] * input[1];
            float sum1_2 = b1[2] + w1[2] * input[0] + w1[5] * input[1];
            #endif
            float z1_0 = sum1_0;
            float z1_1 = sum1_1;
            float z1_2 = sum1_2;
            // Softmax: exp of each sum minus the largest, so none overflows, then divided by their total.
            float max1 = z1_0;
            max1 = global::System.MathF.Max(max1, z1_1);
            max1 = global::System.MathF.Max(max1, z1_2);
            float e1_0 = global::System.MathF.Exp(z1_0 - max1);
            float e1_1 = global::System.MathF.Exp(z1_1 - max1);
            float e1_2 = global::System.MathF.Exp(z1_2 - max1);
            float inverse1 = 1f / (e1_0 + e1_1 + e1_2);
            output[0] = e1_0 * inverse1;
            output[1] = e1_1 * inverse1;
            output[2] = e1_2 * inverse1;

// ---- ToOnnx ----
            // Layer 1: Dense(3, Softmax), (2) -> (3).
            graph.BeginLayer();
            graph.Node("Gemm", new string[]
            {
                graph.Current,
                graph.Initializer("weight", parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), 3, 2),
                graph.Initializer("bias", parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount), 3),
            }, new int[] { 3 }, global::StaticNet.Onnx.OnnxAttribute.Int("transB", 1));
            graph.Node("Softmax", global::StaticNet.Onnx.OnnxAttribute.Int("axis", 1));

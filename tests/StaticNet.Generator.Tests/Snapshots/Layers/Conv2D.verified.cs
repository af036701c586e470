// Conv2D: layer 1 of [Network] [Input(2, 5, 5)] [Conv2D(3, 3, Activation.ReLU, Padding = 1)] [Flatten] [Dense(1)]

// ---- Forward ----
            // Layer 1: Conv2D(3, 3x3, ReLU, padding 1), (2, 5, 5) -> (3, 5, 5), looped.
            global::System.Span<float> a1 = scratch.Slice(0, 75);
            global::StaticNet.Runtime.Conv2DKernels.ForwardReLU(
                parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount),
                input, a1,
                inputChannels: 2, inputHeight: 5, inputWidth: 5, kernel: 3, stride: 1, padding: 1);

// ---- Backward ----
            // Layer 1: Conv2D(3, 3x3, ReLU, padding 1). dW1 += g1 ⊗ x, db1 += g1, then the gradient flows to the input.
            global::System.Span<float> g1 = scratch.Slice(152, 75);
            g1[0] = g1_0;
            g1[1] = g1_1;
            g1[2] = g1_2;
            g1[3] = g1_3;
            g1[4] = g1_4;
            g1[5] = g1_5;
            g1[6] = g1_6;
            g1[7] = g1_7;
            g1[8] = g1_8;
            g1[9] = g1_9;
            g1[10] = g1_10;
            g1[11] = g1_11;
            g1[12] = g1_12;
            g1[13] = g1_13;
            g1[14] = g1_14;
            g1[15] = g1_15;
            g1[16] = g1_16;
            g1[17] = g1_17;
            g1[18] = g1_18;
            g1[19] = g1_19;
            g1[20] = g1_20;
            g1[21] = g1_21;
            g1[22] = g1_22;
            g1[23] = g1_23;
            g1[24] = g1_24;
            g1[25] = g1_25;
            g1[26] = g1_26;
            g1[27] = g1_27;
            g1[28] = g1_28;
            g1[29] = g1_29;
            g1[30] = g1_30;
            g1[31] = g1_31;
            g1[32] = g1_32;
            g1[33] = g1_33;
            g1[34] = g1_34;
            g1[35] = g1_35;
            g1[36] = g1_36;
            g1[37] = g1_37;
            g1[38] = g1_38;
            g1[39] = g1_39;
            g1[40] = g1_40;
            g1[41] = g1_41;
            g1[42] = g1_42;
            g1[43] = g1_43;
            g1[44] = g1_44;
            g1[45] = g1_45;
            g1[46] = g1_46;
            g1[47] = g1_47;
            g1[48] = g1_48;
            g1[49] = g1_49;
            g1[50] = g1_50;
            g1[51] = g1_51;
            g1[52] = g1_52;
            g1[53] = g1_53;
            g1[54] = g1_54;
            g1[55] = g1_55;
            g1[56] = g1_56;
            g1[57] = g1_57;
            g1[58] = g1_58;
            g1[59] = g1_59;
            g1[60] = g1_60;
            g1[61] = g1_61;
            g1[62] = g1_62;
            g1[63] = g1_63;
            g1[64] = g1_64;
            g1[65] = g1_65;
            g1[66] = g1_66;
            g1[67] = g1_67;
            g1[68] = g1_68;
            g1[69] = g1_69;
            g1[70] = g1_70;
            g1[71] = g1_71;
            g1[72] = g1_72;
            g1[73] = g1_73;
            g1[74] = g1_74;
            global::StaticNet.Runtime.Conv2DKernels.Backward(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), input, g1,
                parameterGradients.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameterGradients.Slice(Layer1.BiasOffset, Layer1.BiasCount), inputGradients,
                inputChannels: 2, inputHeight: 5, inputWidth: 5, kernel: 3, stride: 1, padding: 1);

// ---- BackwardBatch ----
            // Layer 1: Conv2D(3, 3x3, ReLU, padding 1): parameter gradients summed over the batch; the input's gradients are not needed.
            global::StaticNet.Runtime.Conv2DKernels.BackwardBatch(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), inputs, g1,
                parameterGradients.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameterGradients.Slice(Layer1.BiasOffset, Layer1.BiasCount), global::System.Span<float>.Empty,
                inputChannels: 2, inputHeight: 5, inputWidth: 5, kernel: 3, stride: 1, padding: 1);

// ---- ToOnnx ----
            // Layer 1: Conv2D(3, 3x3, ReLU, padding 1), (2, 5, 5) -> (3, 5, 5).
            graph.BeginLayer();
            graph.Node("Conv", new string[]
            {
                graph.Current,
                graph.Initializer("weight", parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), 3, 2, 3, 3),
                graph.Initializer("bias", parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount), 3),
            }, new int[] { 3, 5, 5 }, global::StaticNet.Onnx.OnnxAttribute.Ints("kernel_shape", 3, 3), global::StaticNet.Onnx.OnnxAttribute.Ints("strides", 1, 1), global::StaticNet.Onnx.OnnxAttribute.Ints("pads", 1, 1, 1, 1));
            graph.Node("Relu");

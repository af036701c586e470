// LastStep: layer 2 of [Network] [Input(4, 2)] [Gru(3)] [LastStep] [Dense(1)]

// ---- Forward ----
            // Layer 2: LastStep, (4, 3) -> (3), looped.
            global::System.Span<float> a2 = scratch.Slice(12, 3);
            global::StaticNet.Runtime.SequenceKernels.LastStep(a1, a2);

// ---- ForwardPacked ----
            // Layer 2: LastStep, (4, 3) -> (3), looped.
            global::System.Span<float> a2 = scratch.Slice(12, 3);
            global::StaticNet.Runtime.SequenceKernels.LastStep(a1, a2);

// ---- Step ----
            // Layer 2: LastStep: the step passes through (it is the last one so far).

// ---- StepPacked ----
            // Layer 2: LastStep: the step passes through (it is the last one so far).

// ---- Backward ----
            // Layer 2: LastStep, (4, 3) -> (3), looped.
            global::System.Span<float> a2 = scratch.Slice(12, 3);
            global::StaticNet.Runtime.SequenceKernels.LastStep(a1, a2);

            // Layer 2: LastStep. The gradient flows to layer 1 (Gru(3)).
            global::System.Span<float> g2 = scratch.Slice(17, 3);
            g2[0] = g2_0;
            g2[1] = g2_1;
            g2[2] = g2_2;
            global::System.Span<float> g1 = scratch.Slice(20, 12); // dLoss/d(output of layer 1)
            global::StaticNet.Runtime.SequenceKernels.LastStepBackward(g2, g1);

// ---- BackwardBatch ----
            // Layer 2: LastStep, (4, 3) -> (3), for every sample.
            global::System.Span<float> a2 = scratch.Slice(batch * 12, batch * 3);
            for (int sample = 0; sample < batch; sample++)
            {
                global::StaticNet.Runtime.SequenceKernels.LastStep(a1.Slice(sample * 12, 12), a2.Slice(sample * 3, 3));
            }

            // Layer 2: LastStep: the gradient flows to layer 1.
            global::System.Span<float> g1 = scratch.Slice(batch * 20, batch * 12); // dLoss/d(output of layer 1)
            for (int sample = 0; sample < batch; sample++)
            {
                global::StaticNet.Runtime.SequenceKernels.LastStepBackward(g2.Slice(sample * 3, 3), g1.Slice(sample * 12, 12));
            }

// ---- ToOnnx ----
            // Layer 2: LastStep, (4, 3) -> (3).
            graph.BeginLayer();
            graph.Node("Slice", new string[]
            {
                graph.Current,
                graph.Int64Constant("starts", 3),
                graph.Int64Constant("ends", 4),
                graph.Int64Constant("axes", 1),
            }, new int[] { 1, 3 });
            graph.Node("Flatten", new string[] { graph.Current }, new int[] { 3 }, global::StaticNet.Onnx.OnnxAttribute.Int("axis", 1));

// ---- ToOnnxStep ----
            // Layer 2: LastStep, (4, 3) -> (3).
            graph.BeginLayer();
            graph.Node("Slice", new string[]
            {
                graph.Current,
                graph.Int64Constant("starts", 0),
                graph.Int64Constant("ends", 1),
                graph.Int64Constant("axes", 1),
            }, new int[] { 1, 3 });
            graph.Node("Flatten", new string[] { graph.Current }, new int[] { 3 }, global::StaticNet.Onnx.OnnxAttribute.Int("axis", 1));

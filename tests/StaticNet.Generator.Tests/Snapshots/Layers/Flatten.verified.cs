// Flatten: layer 2 of [Network] [Input(2, 2, 2)] [Conv2D(2, 1)] [Flatten] [Dense(1)]

// ---- Forward ----
            // Layer 2: Flatten, (2, 2, 2) -> (8): the same values, nothing to do.

// ---- Backward ----
            // Layer 2: Flatten, (2, 2, 2) -> (8): the same values.

// ---- BackwardBatch ----
            // Layer 2: Flatten, (2, 2, 2) -> (8): the same values.

// ---- ToOnnx ----
            // Layer 2: Flatten, (2, 2, 2) -> (8).
            graph.BeginLayer();
            graph.Node("Flatten", new string[] { graph.Current }, new int[] { 8 }, global::StaticNet.Onnx.OnnxAttribute.Int("axis", 1));

// Gru: layer 1 of [Network] [Input(4, 2)] [Gru(3)] [LastStep] [Dense(1)]

// ---- Forward ----
            // Layer 1: Gru(3), (4, 2) -> (4, 3), looped.
            global::System.Span<float> a1 = scratch.Slice(0, 12);
            global::StaticNet.Runtime.GruKernels.Forward(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount), input, a1, features: 2, hidden: 3);

// ---- ForwardPacked ----
            // Layer 1: Gru(3), (4, 2) -> (4, 3), looped.
            global::System.Span<float> a1 = scratch.Slice(0, 12);
            global::StaticNet.Runtime.GruKernels.ForwardPacked(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount), input, a1, features: 2, hidden: 3);

// ---- Step ----
            // Layer 1: Gru(3), one step: state[0..3), the hidden state, advances; its first 3 are the step's output.
            global::System.Span<float> s1 = scratch.Slice(0, 18);
            global::System.Span<float> h1 = state.Slice(0, 3);
            global::StaticNet.Runtime.GruKernels.StreamStep(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount), input, h1, s1, hidden: 3);

// ---- StepPacked ----
            // Layer 1: Gru(3), one step: state[0..3), the hidden state, advances; its first 3 are the step's output.
            global::System.Span<float> s1 = scratch.Slice(0, 18);
            global::System.Span<float> h1 = state.Slice(0, 3);
            global::StaticNet.Runtime.GruKernels.StreamStepPacked(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount), input, h1, s1, hidden: 3);

// ---- Backward ----
            // Layer 1: Gru(3). dW1, db1 by backpropagation through time from g1 (every step's) and x, then the gradient flows to the input.
            global::StaticNet.Runtime.GruKernels.Backward(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount), input, g1,
                parameterGradients.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameterGradients.Slice(Layer1.BiasOffset, Layer1.BiasCount), inputGradients, features: 2, hidden: 3);

// ---- BackwardBatch ----
            // Layer 1: Gru(3): parameter gradients summed over the batch; the input's gradients are not needed.
            for (int sample = 0; sample < batch; sample++)
            {
                global::StaticNet.Runtime.GruKernels.Backward(parameters.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameters.Slice(Layer1.BiasOffset, Layer1.BiasCount), inputs.Slice(sample * 8, 8), g1.Slice(sample * 12, 12),
                    parameterGradients.Slice(Layer1.WeightOffset, Layer1.WeightCount), parameterGradients.Slice(Layer1.BiasOffset, Layer1.BiasCount), global::System.Span<float>.Empty, features: 2, hidden: 3);
            }

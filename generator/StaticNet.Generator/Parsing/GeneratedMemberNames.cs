using System.Collections.Generic;

namespace StaticNet.Generator.Parsing;

/// <summary>
/// Every name the generator may give a member of a network type. A user member with one of these names is
/// recorded by the parser and checked against the generated code; a test keeps this list complete.
/// </summary>
internal static class GeneratedMemberNames
{
    /// <summary>The names other than Layer1, Layer2, ... and Output1, Output2, ...</summary>
    public static IReadOnlyCollection<string> FixedNames => fixedNames;

    private static readonly HashSet<string> fixedNames =
    [
        "InputSize", "InputShape", "OutputSize", "ParameterCount", "StateCount", "MultiplyAccumulateCount", "Architecture",
        "ArchitectureFingerprint", "Summary", "Forward", "ForwardPacked", "PackParameters", "StreamStateCount", "StreamStateSlots", "StepInputSize", "StepOutputSize", "ResetState", "Step", "StepPacked", "StepBlock", "StepBlockPacked", "StepWholeBlock", "StepWholeBlockPacked", "StepBatch", "StepStreams", "StepAfterLanes", "Backward", "BackwardCore", "ForwardBatch", "ForwardBatchPacked", "BackwardBatch", "BackwardBatchFromStates",
        "Initialize", "InitializeState", "SaveWeights", "LoadWeights", "TensorSlots", "ImportSafetensors", "ExportSafetensors",
        "ToOnnx", "ToOnnxStep", "TrainedParameters", "TrainedPacked", "TrainedState", "bakedTrainedParameters", "bakedTrainedState", "PredictTrained",
        "PredictTrainedBatch", "PredictTrainedClass", "Parameters", "State", "Predict", "PredictBatch", "Save", "Load", "OutputCount", "outputHeads",
        "parameterArray", "packedCopy", "CurrentPackedCopy", "ForwardBeforeLastLayer", "ForwardPackedBeforeLastLayer",
    ];

    /// <summary>Whether the generator may write a member called <paramref name="name"/> (the fixed names, Layer1, Layer2, ..., Output1, ...).</summary>
    public static bool Contains(string name) => fixedNames.Contains(name) || IsNumbered(name, "Layer") || IsNumbered(name, "Output");

    /// <summary>Whether <paramref name="name"/> is <paramref name="prefix"/> and a number from 1, as in <c>Layer12</c>.</summary>
    private static bool IsNumbered(string name, string prefix)
    {
        if (name.Length <= prefix.Length || !name.StartsWith(prefix, System.StringComparison.Ordinal) || name[prefix.Length] == '0')
        {
            return false;
        }

        for (int i = prefix.Length; i < name.Length; i++)
        {
            if (name[i] is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}

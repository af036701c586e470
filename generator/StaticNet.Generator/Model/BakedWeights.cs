namespace StaticNet.Generator.Model;

/// <summary>Trained values to compile into a network, and the file they came from (as the user named it, for comments).</summary>
internal sealed record BakedWeights(string FileName, EquatableArray<float> Parameters, EquatableArray<float> State, uint Checksum);

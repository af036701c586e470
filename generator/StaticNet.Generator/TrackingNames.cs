namespace StaticNet.Generator;

/// <summary>Names of the pipeline steps, so tests can check which steps were cached.</summary>
internal static class TrackingNames
{
    public const string Declaration = "StaticNet.Declaration";
    public const string Blocks = "StaticNet.Blocks";
    public const string Plan = "StaticNet.Plan";
    public const string WeightFiles = "StaticNet.WeightFiles";
    public const string Build = "StaticNet.Build";
    public const string OrphanLayers = "StaticNet.OrphanLayers";
}

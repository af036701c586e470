namespace StaticNet.Generator.Parsing;

/// <summary>Metadata names of the StaticNet attributes the generator reads (which of them are layers: <see cref="Layers.LayerFactory"/>).</summary>
internal static class AttributeNames
{
    public const string Network = "StaticNet.NetworkAttribute";
    public const string Input = "StaticNet.InputAttribute";
    public const string Dense = "StaticNet.DenseAttribute";
    public const string Conv2D = "StaticNet.Conv2DAttribute";
    public const string Conv1D = "StaticNet.Conv1DAttribute";
    public const string MaxPool2D = "StaticNet.MaxPool2DAttribute";
    public const string AvgPool2D = "StaticNet.AvgPool2DAttribute";
    public const string Flatten = "StaticNet.FlattenAttribute";
    public const string Dropout = "StaticNet.DropoutAttribute";
    public const string GlobalAveragePool2D = "StaticNet.GlobalAveragePool2DAttribute";
    public const string BatchNorm = "StaticNet.BatchNormAttribute";
    public const string Add = "StaticNet.AddAttribute";
    public const string Multiply = "StaticNet.MultiplyAttribute";
    public const string Concat = "StaticNet.ConcatAttribute";
    public const string Slice = "StaticNet.SliceAttribute";
    public const string Output = "StaticNet.OutputAttribute";
    public const string Gru = "StaticNet.GruAttribute";
    public const string Lstm = "StaticNet.LstmAttribute";
    public const string LastStep = "StaticNet.LastStepAttribute";
    public const string Activate = "StaticNet.ActivateAttribute";
    public const string Block = "StaticNet.BlockAttribute";
    public const string Use = "StaticNet.UseAttribute";

    /// <summary>The name a user writes: <c>StaticNet.DenseAttribute</c> becomes <c>Dense</c>.</summary>
    public static string ShortName(string metadataName)
    {
        string name = metadataName.Substring(metadataName.LastIndexOf('.') + 1);
        return name.EndsWith("Attribute") ? name.Substring(0, name.Length - "Attribute".Length) : name;
    }
}

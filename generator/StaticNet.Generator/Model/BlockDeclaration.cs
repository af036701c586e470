using StaticNet.Generator.Layers;

namespace StaticNet.Generator.Model;

/// <summary>
/// A <c>[Block]</c> class as read: its type (as C# displays it), the names its layers read its inputs by, its parameters
/// (its <c>const int</c> fields and their values), its layers in order, and the problems found reading them.
/// </summary>
internal sealed record BlockDeclaration(
    string TypeName,
    EquatableArray<string> Inputs,
    EquatableArray<BlockParameter> Parameters,
    EquatableArray<LayerDeclaration> Layers,
    EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>A block's parameter: a <c>const int</c> field of its class, and the field's value (what a use that does not set it gets).</summary>
internal readonly record struct BlockParameter(string Name, int Value);

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Parsing;

/// <summary>
/// Puts each <c>[Use]</c>'s block layers in its place, as composing modules does: layer <c>n</c> of the block becomes
/// <c>Use.Name + "." + n</c>, a name the block reads its inputs by becomes the use's input, a size written as a block
/// parameter takes the use's <c>With</c> value, and later layers that read the use's <c>Name</c> read the block's last
/// layer. Problems with a use (too few inputs, a <c>With</c> naming no parameter) are SN0062 and SN0063; a use of a
/// class that is not a block stays, and planning reports it (SN0061).
/// </summary>
internal static class BlockExpansion
{
    public static NetworkDeclaration Expand(NetworkDeclaration network, EquatableArray<BlockDeclaration> blocks)
    {
        if (!network.Layers.Any(layer => layer is UseDeclaration))
        {
            return network;
        }

        var layers = new List<LayerDeclaration>();
        var diagnostics = new List<DiagnosticInfo>(network.Diagnostics);
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        int uses = 0;
        foreach (LayerDeclaration declared in network.Layers)
        {
            LayerDeclaration layer = aliases.Count == 0 ? declared : declared.WithNames(name => name, reference => aliases.TryGetValue(reference, out string? last) ? last : reference);
            BlockDeclaration? block = layer is UseDeclaration { Block: { } type } ? blocks.FirstOrDefault(candidate => candidate.TypeName == type.Value) : null;
            if (layer is not UseDeclaration use || block is null)
            {
                layers.Add(layer);
                continue;
            }

            if (reported.Add(block.TypeName))
            {
                diagnostics.AddRange(block.Diagnostics);
            }

            string prefix = use.Name?.Value ?? ShortName(block.TypeName) + uses.ToString(CultureInfo.InvariantCulture);
            uses++;
            if (use.Inputs.Count != block.Inputs.Count)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.BlockInputCount, use.Location, ShortName(block.TypeName), use.Inputs.Count, use.Inputs.Count == 1 ? "" : "s",
                    block.Inputs.Count, string.Join(", ", block.Inputs)));
                continue;
            }

            if (Overrides(use, block, diagnostics) is not { } values)
            {
                continue;
            }

            // A size written as a parameter the use does not set already holds the field's value.
            var used = new HashSet<string>(StringComparer.Ordinal);
            Argument<int> Set(Argument<int> size)
            {
                if (size.Parameter is { } parameter && values.TryGetValue(parameter, out int value))
                {
                    used.Add(parameter);
                    return size with { Value = value };
                }

                return size;
            }

            string Reference(string name)
            {
                int input = block.Inputs.AsImmutableArray().IndexOf(name);
                return input >= 0 ? use.Inputs[input].Value : $"{prefix}.{name}";
            }

            for (int i = 0; i < block.Layers.Count; i++)
            {
                LayerDeclaration layerOfBlock = block.Layers[i].WithNames(name => $"{prefix}.{name}", Reference).WithParameters(Set);
                if (i == 0 && layerOfBlock.From is null && !layerOfBlock.NamesItsOperands && block.Inputs.Count > 0)
                {
                    // The block's first layer reads its first input, wherever the use stands.
                    layerOfBlock = layerOfBlock with { From = use.Inputs[0] };
                }

                if (i == block.Layers.Count - 1)
                {
                    // The use's name reads the block's last layer; an unnamed one takes the use's name itself.
                    if (layerOfBlock.Name is { } last)
                    {
                        aliases[prefix] = last.Value;
                    }
                    else
                    {
                        layerOfBlock = layerOfBlock with { Name = new Argument<string>(prefix, use.Name?.Location ?? use.Location) };
                    }
                }

                layers.Add(layerOfBlock);
            }

            foreach (string set in values.Keys.Where(name => !used.Contains(name)))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.InvalidBlockParameters, use.With?.Location ?? use.Location, ShortName(block.TypeName), use.With?.Value ?? "",
                    $"sets {set}, which no size of the block's layers is written as", ParameterList(block)));
            }
        }

        return network with { Layers = layers.ToEquatableArray(), Diagnostics = diagnostics.ToEquatableArray() };
    }

    /// <summary>The parameters this use's <c>With</c> sets and their values, or null (reported) when it is malformed.</summary>
    private static Dictionary<string, int>? Overrides(UseDeclaration use, BlockDeclaration block, List<DiagnosticInfo> diagnostics)
    {
        var values = new Dictionary<string, int>(StringComparer.Ordinal);
        if (use.With is not { } with || with.Value.Trim().Length == 0)
        {
            return values;
        }

        foreach (string assignment in with.Value.Split(','))
        {
            string[] parts = assignment.Split('=');
            string name = parts[0].Trim();
            int value = 0;
            string? problem = parts.Length != 2 ? $"has \"{assignment.Trim()}\", not a \"Name = value\""
                : !block.Parameters.Any(parameter => parameter.Name == name) ? $"sets {(name.Length == 0 ? "a parameter without a name" : name)}, which is not a const int field of {ShortName(block.TypeName)}"
                : !int.TryParse(parts[1].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) ? $"sets {name} to \"{parts[1].Trim()}\", not a whole number"
                : null;
            if (problem is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidBlockParameters, with.Location, ShortName(block.TypeName), with.Value, problem, ParameterList(block)));
                return null;
            }

            values[name] = value;
        }

        return values;
    }

    private static string ParameterList(BlockDeclaration block) =>
        block.Parameters.Count == 0 ? "it has none" : string.Join(", ", block.Parameters.Select(parameter => parameter.Name));

    private static string ShortName(string typeName) => typeName.Substring(typeName.LastIndexOf('.') + 1);
}

using System.Collections.Generic;
using System.Text;

namespace StaticNet.Audio;

/// <summary>
/// The C# of a WaveNet layer as a block (<c>[Block]</c> with its sizes as parameters) and of its uses, for
/// <see cref="NamModel.Declaration"/>: the layers and names the file's other layers are written with, so the network
/// a use expands to is the one <see cref="NamModel.LoadInto"/> checks against.
/// </summary>
internal static class NamDeclarationText
{
    public static void Block(StringBuilder text, NamBlock block, string name)
    {
        string channels = block.Gated ? $"{name}.Rows" : $"{name}.Channels";
        text.Append("/// <summary>\n");
        text.Append(block.Gated
            ? $"/// One layer of a WaveNet layer array: a dilated causal convolution of the stream plus a 1x1 convolution of the input,\n/// its filter half through {block.Activation} times its gate half through Sigmoid, and a 1x1 convolution added back onto the stream.\n"
            : $"/// One layer of a WaveNet layer array: a dilated causal convolution of the stream plus a 1x1 convolution of the input,\n/// {block.Activation}, and a 1x1 convolution added back onto the stream.\n");
        text.Append("/// </summary>\n");
        text.Append("[Block(\"x\", \"condition\")]\n");
        text.Append($"[Conv1D({channels}, {name}.Kernel, Causal = true, Dilation = {name}.Dilation, Name = \"conv\")]\n");
        text.Append($"[Conv1D({channels}, 1, Bias = false, From = \"condition\", Name = \"mixin\")]\n");
        if (block.Gated)
        {
            text.Append("[Add(\"conv\", \"mixin\", Name = \"z\")]\n");
            text.Append($"[Slice(0, {name}.Channels, Name = \"filter\")]\n");
            text.Append($"[Activate(Activation.{block.Activation}, Name = \"filter_act\")]\n");
            text.Append($"[Slice({name}.Channels, {name}.Channels, From = \"z\", Name = \"gate\")]\n");
            text.Append("[Activate(Activation.Sigmoid, Name = \"gate_act\")]\n");
            text.Append("[Multiply(\"filter_act\", \"gate_act\", Name = \"act\")]\n");
        }
        else
        {
            text.Append($"[Add(\"conv\", \"mixin\", Activation = Activation.{block.Activation}, Name = \"act\")]\n");
        }

        text.Append($"[Conv1D({name}.Channels, 1, Name = \"layer1x1\")]\n");
        text.Append("[Add(\"x\", \"layer1x1\", Name = \"out\")]\n");
        text.Append($"public static class {name}\n{{\n");
        text.Append($"    public const int Channels = {block.Channels};\n");
        if (block.Gated)
        {
            text.Append($"    public const int Rows = {2 * block.Channels};\n");
        }

        text.Append($"    public const int Kernel = {block.Kernel};\n");
        text.Append("    public const int Dilation = 1;\n}\n\n");
    }

    /// <summary>The <c>Use(...)</c> attribute's text: its <c>With</c> sets the sizes that differ from the block's.</summary>
    public static string Use(NamUse use, string blockName)
    {
        var set = new List<string>();
        if (use.Channels != use.Block.Channels)
        {
            set.Add($"Channels = {use.Channels}");
            if (use.Block.Gated)
            {
                set.Add($"Rows = {2 * use.Channels}");
            }
        }

        if (use.Kernel != use.Block.Kernel)
        {
            set.Add($"Kernel = {use.Kernel}");
        }

        if (use.Dilation != 1)
        {
            set.Add($"Dilation = {use.Dilation}");
        }

        string with = set.Count == 0 ? "" : $", With = \"{string.Join(", ", set)}\"";
        return $"Use(typeof({blockName}), \"{use.Stream}\", \"input\", Name = \"{use.Name}\"{with})";
    }
}

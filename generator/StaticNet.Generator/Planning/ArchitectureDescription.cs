using System.Globalization;
using System.Linq;
using System.Text;
using StaticNet.Generator.Layers;

namespace StaticNet.Generator.Planning;

/// <summary>
/// A canonical text of everything that gives a network's weights their meaning (input shape, each
/// layer's kind, shape, activation and geometry, and in a graph which values it reads; not the loss or dropout rates, which saved weights
/// do not depend on), and its 64-bit FNV-1a fingerprint. Weight files carry both, so a file for
/// another architecture is refused with both descriptions in the message.
/// </summary>
internal static class ArchitectureDescription
{
    public static string Describe(NetworkPlan plan)
    {
        var text = new StringBuilder("input").Append(plan.InputShape);
        foreach (LayerPlan layer in plan.Layers.Where(l => l.ShapesWeights))
        {
            text.Append(' ').Append(layer.Description.Replace(" ", "")).Append(layer.OutputShape.ToString().Replace(" ", ""));
            if (layer.Sources.Count != 1 || layer.Source != layer.Number - 1)
            {
                // A graph's wiring gives the weights their meaning too; a chain's needs no words.
                text.Append("<-").Append(string.Join(",", layer.Sources));
            }
        }

        return text.ToString();
    }

    public static ulong Fingerprint(string description)
    {
        ulong hash = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(description))
        {
            hash = unchecked((hash ^ b) * 1099511628211UL);
        }

        return hash;
    }

    public static string Hex(ulong value) => "0x" + value.ToString("X16", CultureInfo.InvariantCulture) + "UL";
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace StaticNet.Storage;

/// <summary>
/// Decides which tensor of a safetensors file fills which of a network's slots, and never guesses silently
/// (API.md "Tensor names"):
/// <list type="bullet">
/// <item>with a name map, each slot takes the file's tensor of the mapped name (or of its own name when unmapped);</item>
/// <item>when the file holds the network's names (all of them, or only names the network has), by name;</item>
/// <item>otherwise by declaration order, the file's names put in <c>state_dict</c> order: modules naturally
/// (<c>2</c> before <c>10</c>, as <c>nn.Sequential</c> numbers them), and within a module weight, bias, running_mean,
/// running_var. That order is only known where names say it (numbered modules of one parent, tensors of one module):
/// if two tensors of one shape could trade places (<c>fc.bias</c> and <c>gru.bias_ih_l0</c>, both [8]), the import is
/// refused with the name map to pass instead.</item>
/// </list>
/// PyTorch's <c>num_batches_tracked</c> counters are never matched.
/// </summary>
internal static class TensorMatching
{
    private static readonly string[] SuffixOrder = ["weight", "bias", "running_mean", "running_var", "weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"];

    /// <summary>How many lines of a suggested name map a message shows.</summary>
    private const int MapLinesShown = 200;

    /// <summary>The file's tensor for each slot, in slot order; throws <see cref="WeightFileException"/> where there is none or it is not certain.</summary>
    public static SafeTensorsFile.Entry[] Match(SafeTensorsFile file, IReadOnlyList<TensorSlot> slots, IReadOnlyDictionary<string, string>? tensorNames, string source)
    {
        if (tensorNames is not null)
        {
            return ByMap(file, slots, tensorNames, source);
        }

        var entries = new List<SafeTensorsFile.Entry>();
        foreach (SafeTensorsFile.Entry entry in file.Tensors.Values)
        {
            if (!entry.Name.EndsWith(".num_batches_tracked", StringComparison.Ordinal) && entry.Name != "num_batches_tracked")
            {
                entries.Add(entry);
            }
        }

        var slotNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (TensorSlot slot in slots)
        {
            slotNames.Add(slot.Name);
        }

        bool holdsEverySlot = true;
        foreach (TensorSlot slot in slots)
        {
            holdsEverySlot &= file.Tensors.ContainsKey(slot.Name);
        }

        bool onlyNetworkNames = entries.TrueForAll(entry => slotNames.Contains(entry.Name));
        return holdsEverySlot || onlyNetworkNames ? ByName(file, entries, slots, slotNames, source) : ByOrder(entries, slots, source);
    }

    private static SafeTensorsFile.Entry[] ByMap(SafeTensorsFile file, IReadOnlyList<TensorSlot> slots, IReadOnlyDictionary<string, string> tensorNames, string source)
    {
        var matched = new SafeTensorsFile.Entry[slots.Count];
        for (int i = 0; i < slots.Count; i++)
        {
            string name = tensorNames.TryGetValue(slots[i].Name, out string? mapped) ? mapped : slots[i].Name;
            if (!file.Tensors.TryGetValue(name, out SafeTensorsFile.Entry? entry))
            {
                throw new WeightFileException(source, $"there is no tensor '{name}' for {slots[i].Description} (shape {slots[i].ShapeText}).");
            }

            matched[i] = entry;
        }

        return matched;
    }

    private static SafeTensorsFile.Entry[] ByName(
        SafeTensorsFile file, List<SafeTensorsFile.Entry> entries, IReadOnlyList<TensorSlot> slots, HashSet<string> slotNames, string source)
    {
        foreach (SafeTensorsFile.Entry entry in entries)
        {
            if (!slotNames.Contains(entry.Name))
            {
                throw new WeightFileException(source,
                    $"tensor '{entry.Name}' has no place in the network, whose other tensor names the file holds (pass a name map to import a subset).");
            }
        }

        var matched = new SafeTensorsFile.Entry[slots.Count];
        for (int i = 0; i < slots.Count; i++)
        {
            if (!file.Tensors.TryGetValue(slots[i].Name, out SafeTensorsFile.Entry? entry))
            {
                throw new WeightFileException(source, $"there is no tensor '{slots[i].Name}' for {slots[i].Description} (shape {slots[i].ShapeText}).");
            }

            matched[i] = entry;
        }

        return matched;
    }

    private static SafeTensorsFile.Entry[] ByOrder(List<SafeTensorsFile.Entry> entries, IReadOnlyList<TensorSlot> slots, string source)
    {
        entries.Sort((a, b) => CompareStateDictOrder(a.Name, b.Name));
        if (entries.Count < slots.Count)
        {
            TensorSlot missing = slots[entries.Count];
            throw new WeightFileException(source,
                $"it holds {entries.Count} tensors but the network has {slots.Count}: none is left for {missing.Description} ({missing.Name}, shape {missing.ShapeText}).");
        }

        if (entries.Count > slots.Count)
        {
            throw new WeightFileException(source,
                $"it holds {entries.Count} tensors but the network has {slots.Count}; '{entries[slots.Count].Name}' and any after it have no layer (pass a name map to import a subset).");
        }

        for (int i = 0; i < slots.Count; i++)
        {
            if (!SameShape(entries[i].Shape, slots[i].Shape))
            {
                throw new WeightFileException(source,
                    $"tensor '{entries[i].Name}' has shape {TensorSlot.FormatShape(entries[i].Shape)}, but {slots[i].Description} ({slots[i].Name}) must have shape {slots[i].ShapeText}. "
                    + "The file's names are not the network's, so its tensors were matched by order, and the order is not this network's. "
                    + NameMapAdvice(entries, slots));
            }
        }

        if (TradablePair(entries) is { } pair)
        {
            throw new WeightFileException(source,
                $"its names are not the network's, and matched by order, '{pair.First}' and '{pair.Second}' (both {pair.Shape}) could trade places: "
                + "the names do not say which of them comes first, so the file is not matched by order. " + NameMapAdvice(entries, slots));
        }

        return entries.ToArray();
    }

    /// <summary>
    /// Two tensors of one shape whose relative order the names do not fix: in different modules whose paths first
    /// differ where one of them is not a number (<c>fc</c> against <c>gru</c>, <c>trunk.0</c> against <c>head</c>), or in one
    /// module under names outside PyTorch's known order.
    /// </summary>
    private static (string First, string Second, string Shape)? TradablePair(List<SafeTensorsFile.Entry> entries)
    {
        var byShape = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (SafeTensorsFile.Entry entry in entries)
        {
            string shape = TensorSlot.FormatShape(entry.Shape);
            if (!byShape.TryGetValue(shape, out List<string>? names))
            {
                byShape[shape] = names = [];
            }

            foreach (string earlier in names)
            {
                if (!OrderIsCertain(earlier, entry.Name))
                {
                    return (earlier, entry.Name, shape);
                }
            }

            names.Add(entry.Name);
        }

        return null;
    }

    private static bool OrderIsCertain(string a, string b)
    {
        (string moduleA, string suffixA) = Split(a);
        (string moduleB, string suffixB) = Split(b);
        if (moduleA == moduleB)
        {
            return Array.IndexOf(SuffixOrder, suffixA) >= 0 && Array.IndexOf(SuffixOrder, suffixB) >= 0;
        }

        string[] pathA = moduleA.Split('.');
        string[] pathB = moduleB.Split('.');
        for (int i = 0; i < pathA.Length && i < pathB.Length; i++)
        {
            if (pathA[i] != pathB[i])
            {
                return IsNumber(pathA[i]) && IsNumber(pathB[i]);
            }
        }

        return false;
    }

    /// <summary>What to do instead: name the layers as the file does, or pass the map (checked by the user: it is the order's guess).</summary>
    private static string NameMapAdvice(List<SafeTensorsFile.Entry> entries, IReadOnlyList<TensorSlot> slots)
    {
        var text = new StringBuilder("Name the layers as the file names its modules (Name = \"fc\" gives fc.weight and fc.bias), or pass tensorNames, ");
        text.Append("from each of the network's names to the file's; by declaration order that map would be (check it):");
        int shown = Math.Min(Math.Min(entries.Count, slots.Count), MapLinesShown);
        for (int i = 0; i < shown; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n    [\"{slots[i].Name}\"] = \"{entries[i].Name}\",");
        }

        if (shown < slots.Count)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n    ... and {slots.Count - shown} more");
        }

        return text.ToString();
    }

    /// <summary>Module by natural order of its name, then weight, bias, running_mean, running_var (a recurrent module: weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0).</summary>
    private static int CompareStateDictOrder(string a, string b)
    {
        (string moduleA, string suffixA) = Split(a);
        (string moduleB, string suffixB) = Split(b);
        int byModule = NaturalCompare(moduleA, moduleB);
        if (byModule != 0)
        {
            return byModule;
        }

        int rankA = Array.IndexOf(SuffixOrder, suffixA);
        int rankB = Array.IndexOf(SuffixOrder, suffixB);
        return rankA != rankB ? (rankA < 0 ? int.MaxValue : rankA).CompareTo(rankB < 0 ? int.MaxValue : rankB) : string.CompareOrdinal(suffixA, suffixB);
    }

    private static (string Module, string Suffix) Split(string name)
    {
        int dot = name.LastIndexOf('.');
        return dot < 0 ? ("", name) : (name.Substring(0, dot), name.Substring(dot + 1));
    }

    private static bool IsNumber(string segment)
    {
        foreach (char c in segment)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return segment.Length > 0;
    }

    /// <summary>Compares runs of digits as numbers and everything else ordinally: <c>layers.2</c> before <c>layers.10</c>.</summary>
    private static int NaturalCompare(string a, string b)
    {
        int i = 0;
        int j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                int startA = i;
                int startB = j;
                while (i < a.Length && char.IsAsciiDigit(a[i]))
                {
                    i++;
                }

                while (j < b.Length && char.IsAsciiDigit(b[j]))
                {
                    j++;
                }

                string digitsA = a.Substring(startA, i - startA).TrimStart('0');
                string digitsB = b.Substring(startB, j - startB).TrimStart('0');
                int byLength = digitsA.Length.CompareTo(digitsB.Length);
                int byDigits = byLength != 0 ? byLength : string.CompareOrdinal(digitsA, digitsB);
                if (byDigits != 0)
                {
                    return byDigits;
                }

                continue;
            }

            if (a[i] != b[j])
            {
                return a[i].CompareTo(b[j]);
            }

            i++;
            j++;
        }

        return (a.Length - i).CompareTo(b.Length - j);
    }

    public static bool SameShape(long[] file, int[] slot)
    {
        if (file.Length != slot.Length)
        {
            return false;
        }

        for (int i = 0; i < file.Length; i++)
        {
            if (file[i] != slot[i])
            {
                return false;
            }
        }

        return true;
    }
}

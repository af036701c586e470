using System.Collections.Generic;

namespace StaticNet.Generator.Emit;

/// <summary>
/// Where each span of a method's scratch lies: the lowest offset whose floats no live span uses (first fit), so a span
/// released after its last use lends its floats to the next ones. <see cref="Length"/> is what the method needs,
/// <see cref="Saved"/> what keeping every span apart would have added.
/// </summary>
internal sealed class ScratchPlan
{
    private readonly Dictionary<string, (int Offset, int Length)> live = new(System.StringComparer.Ordinal);
    private readonly List<(int Offset, int Length)> free = [];
    private long total;

    public int Length { get; private set; }

    public int Saved => (int)System.Math.Max(0, total - Length);

    /// <summary>Places a span of <paramref name="length"/> floats; returns its offset.</summary>
    public int Allocate(string name, int length)
    {
        total += length;
        int offset = -1;
        for (int i = 0; i < free.Count && offset < 0; i++)
        {
            (int start, int size) = free[i];
            if (size >= length)
            {
                offset = start;
                free[i] = (start + length, size - length);
                if (size == length)
                {
                    free.RemoveAt(i);
                }
            }
            else if (start + size == Length)
            {
                // The last free block ends the scratch: grow into it.
                offset = start;
                free.RemoveAt(i);
                Length = checked(start + length);
            }
        }

        if (offset < 0)
        {
            // The planner bounds working memory (SN0017); overflowing here would be a generator bug.
            offset = Length;
            Length = checked(Length + length);
        }

        live[name] = (offset, length);
        return offset;
    }

    /// <summary>Frees a span's floats for later spans; a name never allocated (the input, the output) is ignored.</summary>
    public void Release(string name)
    {
        if (!live.TryGetValue(name, out (int Offset, int Length) block))
        {
            return;
        }

        live.Remove(name);
        free.Add(block);
        free.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        for (int i = free.Count - 1; i > 0; i--)
        {
            if (free[i - 1].Offset + free[i - 1].Length == free[i].Offset)
            {
                free[i - 1] = (free[i - 1].Offset, free[i - 1].Length + free[i].Length);
                free.RemoveAt(i);
            }
        }
    }
}

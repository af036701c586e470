using System.Collections.Generic;
using System.Globalization;

namespace StaticNet.Generator.Emit;

/// <summary>
/// The body of one generated method while it is written: code, plus the scratch floats it needs.
/// Every temporary span is a slice of one scratch buffer declared at the top, on the stack when small
/// and in a per-thread buffer when large, so the method never allocates once warm. A span released after its last
/// use leaves its floats to the spans allocated later (a liveness plan), so the scratch holds only what is live at once.
/// </summary>
internal sealed class MethodBody
{
    /// <summary>
    /// Scratch above this many floats (2 KiB) comes from a per-thread buffer instead of the stack: C# zeroes every
    /// stackalloc, and past this size that costs more than fetching the buffer (both about 20 ns here; 6,760 floats
    /// took 210 ns to zero). It also keeps large scratch off audio or game threads' small stacks.
    /// </summary>
    public const int StackScratchLimit = 512;

    private readonly ScratchPlan plan = new();

    public CodeWriter Code { get; } = new();

    /// <summary>Declares <c>Span&lt;float&gt; name</c> as <paramref name="length"/> floats of scratch no live span uses.</summary>
    public void Allocate(string name, int length, string comment = "")
    {
        string suffix = comment.Length == 0 ? "" : " // " + comment;
        Code.Line($"global::System.Span<float> {name} = scratch.Slice({plan.Allocate(name, length)}, {length});{suffix}");
    }

    /// <summary>Gives the floats of span <paramref name="name"/> back: nothing reads it any more (no-op for a name not allocated here).</summary>
    public void Release(string name) => plan.Release(name);

    /// <summary>Copies a vector held in a span into locals, once.</summary>
    public void EnsureLocals(LayerValues vector)
    {
        if (vector.InLocals)
        {
            return;
        }

        for (int i = 0; i < vector.Length; i++)
        {
            Code.Line($"float {vector.Local(i)} = {vector.SpanName}[{i}];");
        }

        vector.InLocals = true;
    }

    /// <summary>Stores a vector held in locals into a span of scratch, once.</summary>
    public void EnsureSpan(LayerValues vector)
    {
        if (vector.InSpan)
        {
            return;
        }

        Allocate(vector.SpanName, vector.Length);
        for (int i = 0; i < vector.Length; i++)
        {
            Code.Line($"{vector.SpanName}[{i}] = {vector.Local(i)};");
        }

        vector.InSpan = true;
    }

    /// <summary>Writes the scratch declaration, if any scratch is used, then the body.</summary>
    public void WriteTo(CodeWriter writer)
    {
        int scratchLength = plan.Length;
        if (scratchLength > 0)
        {
            string count = scratchLength.ToString(CultureInfo.InvariantCulture);
            if (plan.Saved > 0)
            {
                writer.Line($"// Each value's floats are reused once its last reader has run: {plan.Saved} fewer than the {plan.Length + plan.Saved} it would take to keep them all.");
            }

            if (scratchLength <= StackScratchLimit)
            {
                writer.Line($"// Scratch for intermediate values: {count} floats on the stack.");
                writer.Line($"global::System.Span<float> scratch = stackalloc float[{count}];");
            }
            else
            {
                writer.Line($"// Scratch for intermediate values: {count} floats in a per-thread buffer (cheaper than zeroing that much stack).");
                writer.Line($"global::System.Span<float> scratch = global::StaticNet.Runtime.ThreadScratch.Get({count});");
            }

            writer.Line();
        }

        writer.Append(Code);
    }
}

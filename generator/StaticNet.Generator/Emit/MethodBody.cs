using System.Globalization;

namespace StaticNet.Generator.Emit;

/// <summary>
/// The body of one generated method while it is written: code, plus the scratch floats it needs.
/// Every temporary span is a slice of one scratch buffer declared at the top, on the stack when small
/// and in a per-thread buffer when large, so the method never allocates once warm.
/// </summary>
internal sealed class MethodBody
{
    /// <summary>
    /// Scratch above this many floats (2 KiB) comes from a per-thread buffer instead of the stack: C# zeroes every
    /// stackalloc, and past this size that costs more than fetching the buffer (both about 20 ns here; 6,760 floats
    /// took 210 ns to zero). It also keeps large scratch off audio or game threads' small stacks.
    /// </summary>
    public const int StackScratchLimit = 512;

    private int scratchLength;

    public CodeWriter Code { get; } = new();

    /// <summary>Declares <c>Span&lt;float&gt; name</c> as the next <paramref name="length"/> floats of scratch.</summary>
    public void Allocate(string name, int length, string comment = "")
    {
        string suffix = comment.Length == 0 ? "" : " // " + comment;
        Code.Line($"global::System.Span<float> {name} = scratch.Slice({scratchLength}, {length});{suffix}");

        // The planner bounds working memory (SN0017); overflowing here would be a generator bug.
        scratchLength = checked(scratchLength + length);
    }

    /// <summary>Copies a vector held in a span into locals, once.</summary>
    public void EnsureLocals(Vector vector)
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
    public void EnsureSpan(Vector vector)
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
        if (scratchLength > 0)
        {
            string count = scratchLength.ToString(CultureInfo.InvariantCulture);
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

using System.Globalization;

namespace StaticNet.Generator.Emit;

/// <summary>
/// The body of a batch method while it is written: code, plus its working memory. Per-sample vectors (one
/// slice of <c>batch</c> samples each) scale with the batch; fixed ones (batch statistics) do not. All of it is
/// one span of the per-thread scratch buffer, sized when the batch size is known.
/// </summary>
internal sealed class BatchScratch
{
    private readonly ScratchPlan perSample = new();
    private int fixedLength;

    public CodeWriter Code { get; } = new();

    /// <summary>Declares <c>Span&lt;float&gt; name</c> holding <paramref name="length"/> floats for every sample.</summary>
    public void PerSample(string name, int length, string comment = "")
    {
        string suffix = comment.Length == 0 ? "" : " // " + comment;
        Code.Line($"global::System.Span<float> {name} = scratch.Slice(batch * {perSample.Allocate(name, length)}, batch * {length});{suffix}");
    }

    /// <summary>Gives span <paramref name="name"/>'s floats back for later spans: nothing reads it any more.</summary>
    public void Release(string name) => perSample.Release(name);

    /// <summary>Declares <c>Span&lt;float&gt; name</c> of <paramref name="length"/> floats, whatever the batch size.</summary>
    public void Fixed(string name, int length, string comment)
    {
        Code.Line($"global::System.Span<float> {name} = scratch.Slice((batch * PerSample) + {fixedLength}, {length}); // {comment}");
        fixedLength = checked(fixedLength + length);
    }

    /// <summary>Writes the scratch declaration, if any scratch is used, then the body.</summary>
    public void WriteTo(CodeWriter writer)
    {
        if (perSample.Length + fixedLength > 0)
        {
            string count = perSample.Length.ToString(CultureInfo.InvariantCulture);
            if (perSample.Saved > 0)
            {
                writer.Line($"// Each value's floats are reused once its last reader has run: {perSample.Saved} per sample fewer than the {perSample.Length + perSample.Saved} it would take to keep them all.");
            }

            string fixedPart = fixedLength == 0 ? "" : $" plus {fixedLength} for batch statistics";
            writer.Line($"// Scratch: {count} floats per sample{fixedPart}, in a per-thread buffer that is reused once large enough.");
            writer.Line($"const int PerSample = {count};");
            writer.Line($"global::System.Span<float> scratch = global::StaticNet.Runtime.ThreadScratch.ForBatch(batch, PerSample, {fixedLength}, \"inputs\");");
            writer.Line();
        }

        writer.Append(Code);
    }
}

using System.Text;

namespace StaticNet.Generator.Emit;

/// <summary>Writes indented C# with "\n" line endings, so output is identical on every OS.</summary>
internal sealed class CodeWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder builder = new();
    private int indent;

    public void Line(string text = "")
    {
        if (text.Length > 0)
        {
            for (int i = 0; i < indent; i++)
            {
                builder.Append(IndentUnit);
            }

            builder.Append(text);
        }

        builder.Append('\n');
    }

    /// <summary>Writes <paramref name="header"/> and an opening brace, then indents.</summary>
    public void Open(string header)
    {
        Line(header);
        Line("{");
        indent++;
    }

    /// <summary>Opens a bare block, whose locals stay inside it.</summary>
    public void OpenBlock()
    {
        Line("{");
        indent++;
    }

    /// <summary>Writes a generated member's <c>[GeneratedCode]</c> attribute, its header and an opening brace, then indents.</summary>
    public void Member(string header)
    {
        Line(GeneratedCode.Attribute);
        Open(header);
    }

    /// <summary>Writes a generated member's <c>[GeneratedCode]</c> attribute, then the first line of its declaration.</summary>
    public void MemberLine(string declaration)
    {
        Line(GeneratedCode.Attribute);
        Line(declaration);
    }

    public void Close(string suffix = "")
    {
        indent--;
        Line("}" + suffix);
    }

    /// <summary>Writes every line of <paramref name="other"/> at this writer's indentation.</summary>
    public void Append(CodeWriter other)
    {
        string text = other.ToString();
        int start = 0;
        while (start < text.Length)
        {
            int end = text.IndexOf('\n', start);
            Line(text.Substring(start, end - start));
            start = end + 1;
        }
    }

    public override string ToString() => builder.ToString();
}

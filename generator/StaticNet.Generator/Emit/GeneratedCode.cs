namespace StaticNet.Generator.Emit;

/// <summary>
/// The <c>[GeneratedCode]</c> attribute on every member the generator adds, naming this generator and its own assembly
/// version (so tools such as code coverage and analyzers can tell generated members from the user's own in the same
/// partial type).
/// </summary>
internal static class GeneratedCode
{
    /// <summary>This generator assembly's version, as written into the generated files.</summary>
    public static readonly string Version = typeof(GeneratedCode).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";

    public static readonly string Attribute = $"[global::System.CodeDom.Compiler.GeneratedCode(\"StaticNet.Generator\", \"{Version}\")]";
}

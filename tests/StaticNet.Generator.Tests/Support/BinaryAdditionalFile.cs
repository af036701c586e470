using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace StaticNet.Generator.Tests.Support;

/// <summary>
/// An AdditionalFiles item holding a binary file, as the compiler passes one: a path on disk. Its text must never
/// be asked for (the compiler would report CS2015, "is a binary file"), so asking fails the test.
/// </summary>
public sealed class BinaryAdditionalFile(string path) : AdditionalText
{
    public override string Path => path;

    public override SourceText GetText(CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException($"The generator asked for the text of the binary file {path}.");
}

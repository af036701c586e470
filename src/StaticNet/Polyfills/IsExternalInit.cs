// Defined on every target, .NET 8 included, where the BCL has a public one: the compiler takes a type of this
// assembly's own first, so every build's init accessors (records, init-only properties) carry the same marker in their
// signatures. One compiled caller then binds to either build: the runtime's tests run unchanged against the
// netstandard2.1 build (tests/StaticNet.Tests.Portable), as an app built against one build runs with the other.
namespace System.Runtime.CompilerServices
{
    /// <summary>Marks <c>init</c> accessors.</summary>
    internal static class IsExternalInit
    {
    }
}

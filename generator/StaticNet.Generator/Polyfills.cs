// Language features that netstandard2.0 lacks the types for (records and init-only setters).
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit
    {
    }
}

#if !NET8_0_OR_GREATER
// The attributes and marker types newer C# features compile against, which netstandard2.1 (Unity's API) lacks: the
// compiler looks them up by name, so internal copies here serve this assembly alone. (The BCL members that API lacks are
// in the other files of this folder.)
namespace System.Runtime.CompilerServices
{
    /// <summary>Marks <c>init</c> accessors (records, init-only properties).</summary>
    internal static class IsExternalInit
    {
    }

    /// <summary>Passes a call site's argument text to a parameter (the argument guards' messages).</summary>
    [AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    internal sealed class CallerArgumentExpressionAttribute(string parameterName) : Attribute
    {
        public string ParameterName { get; } = parameterName;
    }
}
#endif

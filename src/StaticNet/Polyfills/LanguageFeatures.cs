#if !NET8_0_OR_GREATER
// The attributes newer C# features compile against, which netstandard2.1 (Unity's API) lacks: the compiler looks them up
// by name, so internal copies here serve this assembly alone. (IsExternalInit has a file of its own; the BCL members that
// API lacks are in the other files of this folder.)
namespace System.Runtime.CompilerServices
{
    /// <summary>Passes a call site's argument text to a parameter (the argument guards' messages).</summary>
    [AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    internal sealed class CallerArgumentExpressionAttribute(string parameterName) : Attribute
    {
        public string ParameterName { get; } = parameterName;
    }
}
#endif

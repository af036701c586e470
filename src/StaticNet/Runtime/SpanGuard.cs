using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace StaticNet.Runtime;

/// <summary>
/// Length checks for the spans passed to generated code. The throwing path is kept out of line so
/// the checks cost one compare each in the hot path.
/// </summary>
public static class SpanGuard
{
    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="actual"/> equals <paramref name="expected"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Length(int actual, int expected, string parameterName)
    {
        if (actual != expected)
        {
            ThrowWrongLength(parameterName, expected, actual);
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="actual"/> is zero or <paramref name="expected"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LengthOrEmpty(int actual, int expected, string parameterName)
    {
        if (actual != expected && actual != 0)
        {
            ThrowWrongLengthOrEmpty(parameterName, expected, actual);
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowWrongLength(string parameterName, int expected, int actual) =>
        throw new ArgumentException(
            $"'{parameterName}' must have length {expected}, but its length is {actual}.", parameterName);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowWrongLengthOrEmpty(string parameterName, int expected, int actual) =>
        throw new ArgumentException(
            $"'{parameterName}' must have length {expected} (or be empty to skip it), but its length is {actual}.",
            parameterName);
}

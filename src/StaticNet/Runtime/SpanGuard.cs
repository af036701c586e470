using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace StaticNet.Runtime;

/// <summary>
/// Length checks for the spans passed to generated code. The throwing path is kept out of line so
/// the checks cost one compare each in the hot path.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // called by generated code, not meant to be called by hand
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

    /// <summary>Throws <see cref="ArgumentException"/> if <paramref name="destination"/> shares memory with <paramref name="source"/>.</summary>
    public static void Distinct(ReadOnlySpan<float> source, ReadOnlySpan<float> destination, string parameterName)
    {
        if (source.Overlaps(destination))
        {
            throw new ArgumentException($"{parameterName} must not overlap the span it is computed from.", parameterName);
        }
    }

    /// <summary>
    /// The number of samples in a batch span of <paramref name="length"/> values; throws
    /// <see cref="ArgumentException"/> unless it is a positive whole number of <paramref name="sampleSize"/>-value samples.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int BatchSize(int length, int sampleSize, string parameterName)
    {
        int batch = length / sampleSize;
        if (batch == 0 || batch * sampleSize != length)
        {
            ThrowNotABatch(parameterName, sampleSize, length);
        }

        return batch;
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> unless <paramref name="actual"/> is <paramref name="batch"/> samples of
    /// <paramref name="sampleSize"/> values (counted without overflow, so an impossible batch is a wrong length too).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void BatchLength(int actual, int batch, int sampleSize, string parameterName)
    {
        if ((long)batch * sampleSize != actual)
        {
            ThrowWrongBatchLength(parameterName, batch, sampleSize, actual);
        }
    }

    /// <summary>Like <see cref="BatchLength"/>, but an empty span (to skip that output) is accepted too.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void BatchLengthOrEmpty(int actual, int batch, int sampleSize, string parameterName)
    {
        if (actual != 0 && (long)batch * sampleSize != actual)
        {
            ThrowWrongBatchLength(parameterName, batch, sampleSize, actual, orEmpty: true);
        }
    }

    [DoesNotReturn]
    private static void ThrowWrongBatchLength(string parameterName, int batch, int sampleSize, int actual, bool orEmpty = false) =>
        throw new ArgumentException(
            $"'{parameterName}' must have length {(long)batch * sampleSize} ({batch} samples of {sampleSize}){(orEmpty ? " (or be empty to skip it)" : "")}, but its length is {actual}.",
            parameterName);

    [DoesNotReturn]
    private static void ThrowNotABatch(string parameterName, int sampleSize, int actual) =>
        throw new ArgumentException(
            $"'{parameterName}' must hold one or more samples of {sampleSize} values (a positive multiple of {sampleSize}), but its length is {actual}.",
            parameterName);

    [DoesNotReturn]
    private static void ThrowWrongLength(string parameterName, int expected, int actual) =>
        throw new ArgumentException(
            $"'{parameterName}' must have length {expected}, but its length is {actual}.", parameterName);

    [DoesNotReturn]
    private static void ThrowWrongLengthOrEmpty(string parameterName, int expected, int actual) =>
        throw new ArgumentException(
            $"'{parameterName}' must have length {expected} (or be empty to skip it), but its length is {actual}.",
            parameterName);
}

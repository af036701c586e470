#if !NET8_0_OR_GREATER
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace StaticNet.Polyfills;

/// <summary>The text and collection members newer .NET added that this library uses, for netstandard2.1.</summary>
internal static class TextAndCollections
{
    extension(string)
    {
        /// <summary>An interpolated string formatted with <paramref name="provider"/> (.NET 6's overload takes a handler).</summary>
        public static string Create(IFormatProvider provider, FormattableString text) => text.ToString(provider);
    }

    extension(StringBuilder builder)
    {
        /// <summary>An interpolated string formatted with <paramref name="provider"/>, appended.</summary>
        public StringBuilder Append(IFormatProvider provider, FormattableString text) => builder.Append(text.ToString(provider));
    }

    extension(char)
    {
        public static bool IsAsciiDigit(char c) => c >= '0' && c <= '9';
    }

    extension<T>(IEnumerable<T> source)
    {
        /// <summary>The elements in <paramref name="comparer"/>'s order.</summary>
        public IOrderedEnumerable<T> Order(IComparer<T> comparer) => source.OrderBy(item => item, comparer);
    }
}
#endif

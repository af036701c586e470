using System;
using System.Collections.Generic;
using System.Linq;

namespace StaticNet.Generator.Diagnostics;

/// <summary>
/// The existing name a misspelt one most likely meant, for diagnostics that say "did you mean": the candidate fewest
/// edits away (insertions, deletions, substitutions and swaps of neighbours, case ignored), within a third of the
/// name's length (at least one edit, and fewer than the name has characters: 'b' does not suggest 'a'); ties go to
/// the ordinally first, so the suggestion is deterministic.
/// </summary>
internal static class ClosestName
{
    public static string? Find(string name, IEnumerable<string> candidates)
    {
        int allowed = Math.Max(1, name.Length / 3);
        string written = name.ToLowerInvariant();
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates.OrderBy(candidate => candidate, StringComparer.Ordinal))
        {
            int distance = Distance(written, candidate.ToLowerInvariant());
            if (distance <= allowed && distance < name.Length && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>The restricted Damerau-Levenshtein distance: edits and swaps of two neighbouring characters.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}

using System;
using System.Globalization;

namespace StaticNet.Training;

/// <summary>
/// Losses as the progress lines print them: four decimals from 0.01 up, where that keeps at least three significant
/// digits, else three significant digits and an exponent (<c>3.73e-05</c>), so a small regression loss never reads
/// as <c>0.0000</c>.
/// </summary>
internal static class LossText
{
    public static string Format(float loss)
    {
        float magnitude = Math.Abs(loss);
        return loss == 0f || !float.IsFinite(loss) || (magnitude >= 0.01f && magnitude < 1e6f)
            ? loss.ToString("F4", CultureInfo.InvariantCulture)
            : loss.ToString("0.00e+00", CultureInfo.InvariantCulture);
    }
}

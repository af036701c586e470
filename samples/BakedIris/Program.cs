using System;
using System.Diagnostics;
using System.Globalization;
using BakedIris;

// Classifies iris flowers with the network samples/Iris trained, baked into this program: nothing is loaded at
// run time. Give sepal length, sepal width, petal length and petal width in centimetres, or nothing for three
// flowers from the data set. Published with NativeAOT, this is a single native executable.
long started = Stopwatch.GetTimestamp();
string[] species = ["setosa", "versicolor", "virginica"];
float[][] flowers = args.Length switch
{
    0 => [[5.1f, 3.5f, 1.4f, 0.2f], [6.4f, 3.2f, 4.5f, 1.5f], [6.3f, 3.3f, 6.0f, 2.5f]],
    4 => [Array.ConvertAll(args, text => float.Parse(text, CultureInfo.InvariantCulture))],
    _ => [],
};
if (flowers.Length == 0)
{
    Console.Error.WriteLine("usage: BakedIris [sepal-length sepal-width petal-length petal-width]   (centimetres)");
    return 2;
}

Span<float> probabilities = stackalloc float[IrisNet.OutputSize];
IrisNet.PredictTrained(flowers[0], probabilities);
TimeSpan firstPrediction = Stopwatch.GetElapsedTime(started);

foreach (float[] flower in flowers)
{
    IrisNet.PredictTrained(flower, probabilities);
    int predicted = IrisNet.PredictTrainedClass(flower);
    Console.WriteLine($"{string.Join(" ", Array.ConvertAll(flower, v => v.ToString("0.0", CultureInfo.InvariantCulture)))} cm: "
        + $"{species[predicted]} ({probabilities[predicted]:P1})");
}

Console.WriteLine($"First prediction {firstPrediction.TotalMicroseconds:F0} us after Main started; weights baked from iris.snw "
    + $"({IrisNet.ParameterCount} parameters, {(IrisNet.Architecture)}).");
return 0;

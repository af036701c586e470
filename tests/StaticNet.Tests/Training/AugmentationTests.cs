using System;
using System.Collections.Generic;
using System.Linq;
using StaticNet.Tests.Networks;
using StaticNet.TestSupport;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests.Training;

/// <summary>
/// Each transform against a reference written here, from the definition (index arithmetic over CHW images), not from
/// the library's code; identity settings; and the trainer's use: seeded, training batches only, allocation-free.
/// </summary>
public class AugmentationTests
{
    private static readonly SampleShape Image = ConvPoolNet.InputShape; // 3 channels of 7 x 6: odd, not square

    private static float[] Samples(int count, int seed) => RandomData.Uniform(new Random(seed), count * Image.Size, 1.0);

    private static float At(float[] sample, int channel, int y, int x) => sample[(((channel * Image.Height) + y) * Image.Width) + x];

    [Fact]
    public void Generated_networks_know_their_input_shape()
    {
        Assert.Equal(SampleShape.Image(3, 7, 6), ConvPoolNet.InputShape);
        Assert.Equal(SampleShape.Flat(4), Iris.IrisNet.InputShape);
        Assert.Equal(SampleShape.Image(1, 8, 8), ((INetwork)new CnnSmallNet(seed: 1)).InputShape);
        Assert.Equal("(3, 7, 6)", Image.ToString());
        Assert.Equal("(4)", Iris.IrisNet.InputShape.ToString());
    }

    [Fact]
    public void Flips_mirror_every_channel_exactly()
    {
        float[] original = Samples(1, 1);
        float[] horizontal = (float[])original.Clone(), vertical = (float[])original.Clone();
        var random = new SeededRandom(1);
        new Augmentation(Image).FlipHorizontal(probability: 1).Apply(horizontal, ref random);
        new Augmentation(Image).FlipVertical(probability: 1).Apply(vertical, ref random);

        for (int c = 0; c < Image.Channels; c++)
        {
            for (int y = 0; y < Image.Height; y++)
            {
                for (int x = 0; x < Image.Width; x++)
                {
                    Assert.Equal(At(original, c, y, Image.Width - 1 - x), At(horizontal, c, y, x));
                    Assert.Equal(At(original, c, Image.Height - 1 - y, x), At(vertical, c, y, x));
                }
            }
        }
    }

    [Fact]
    public void Shift_moves_each_sample_by_whole_pixels_within_the_limit_and_fills_the_border()
    {
        const int Max = 2, Count = 200;
        const float Fill = -7f;
        float[] original = Samples(Count, 2);
        float[] shifted = (float[])original.Clone();
        var random = new SeededRandom(2);
        new Augmentation(Image).Shift(Max, Fill).Apply(shifted, ref random);

        var seen = new HashSet<(int, int)>();
        for (int i = 0; i < Count; i++)
        {
            float[] before = original.AsSpan(i * Image.Size, Image.Size).ToArray();
            float[] after = shifted.AsSpan(i * Image.Size, Image.Size).ToArray();
            // The shift is whichever candidate reproduces the sample exactly; with random values, only the right one can.
            (int Down, int Right)[] matches = [.. from down in Enumerable.Range(-Max, (2 * Max) + 1)
                                                   from right in Enumerable.Range(-Max, (2 * Max) + 1)
                                                   where Shifted(before, down, right, Fill).SequenceEqual(after)
                                                   select (down, right)];
            seen.Add(Assert.Single(matches));
        }

        Assert.Equal(25, seen.Count); // every shift from -2 to 2 each way occurs
    }

    private static float[] Shifted(float[] sample, int down, int right, float fill)
    {
        var result = new float[sample.Length];
        for (int c = 0; c < Image.Channels; c++)
        {
            for (int y = 0; y < Image.Height; y++)
            {
                for (int x = 0; x < Image.Width; x++)
                {
                    int sourceY = y - down, sourceX = x - right;
                    bool inside = sourceY >= 0 && sourceY < Image.Height && sourceX >= 0 && sourceX < Image.Width;
                    result[(((c * Image.Height) + y) * Image.Width) + x] = inside ? At(sample, c, sourceY, sourceX) : fill;
                }
            }
        }

        return result;
    }

    [Fact]
    public void Erase_sets_one_rectangle_within_the_limits_in_every_channel()
    {
        const int Count = 300;
        float[] original = Samples(Count, 3);
        float[] erased = (float[])original.Clone();
        var random = new SeededRandom(3);
        new Augmentation(Image).Erase(maxHeight: 3, maxWidth: 4, value: 5f, probability: 1).Apply(erased, ref random);

        var sizes = new HashSet<(int, int)>();
        for (int i = 0; i < Count; i++)
        {
            float[] before = original.AsSpan(i * Image.Size, Image.Size).ToArray();
            float[] after = erased.AsSpan(i * Image.Size, Image.Size).ToArray();
            int[] changed = Enumerable.Range(0, Image.Size).Where(k => after[k] != before[k]).ToArray();
            Assert.All(changed, k => Assert.Equal(5f, after[k]));
            // The changed values of channel 0 span a rectangle; every channel changes at the same places.
            int[] ys = changed.Where(k => k < Image.Height * Image.Width).Select(k => k / Image.Width).ToArray();
            int[] xs = changed.Where(k => k < Image.Height * Image.Width).Select(k => k % Image.Width).ToArray();
            int height = ys.Max() - ys.Min() + 1, width = xs.Max() - xs.Min() + 1;
            Assert.InRange(height, 1, 3);
            Assert.InRange(width, 1, 4);
            Assert.Equal(height * width * Image.Channels, changed.Length);
            sizes.Add((height, width));
        }

        Assert.Equal(12, sizes.Count); // every size from 1 x 1 to 3 x 4
    }

    [Theory]
    [InlineData(30.0, 1.0, 1.0)]
    [InlineData(0.0, 0.7, 1.4)]
    [InlineData(180.0, 0.5, 2.0)]
    public void Rotation_and_scaling_resample_bilinearly_about_the_centre(double maxDegrees, double minScale, double maxScale)
    {
        const float Fill = 0.25f;
        float[] original = Samples(20, 7);
        float[] resampled = (float[])original.Clone();
        var random = new SeededRandom(7);
        // The angle and factor are drawn from a copy of the same stream, in the order the transforms are added.
        SeededRandom draws = random;
        var augmentation = new Augmentation(Image);
        if (maxDegrees > 0)
        {
            augmentation.Rotate(maxDegrees, Fill);
        }

        if (minScale != 1 || maxScale != 1)
        {
            augmentation.Scale(minScale, maxScale, Fill);
        }

        augmentation.Apply(resampled, ref random);

        for (int i = 0; i < 20; i++)
        {
            // A rotation and a scaling added one after the other are one resampling with both.
            double degrees = maxDegrees > 0 ? ((draws.NextDouble() * 2) - 1) * maxDegrees : 0;
            double scale = minScale != 1 || maxScale != 1 ? minScale + (draws.NextDouble() * (maxScale - minScale)) : 1;
            float[] expected = Affine(original.AsSpan(i * Image.Size, Image.Size).ToArray(), degrees, scale, Fill);

            float[] actual = resampled.AsSpan(i * Image.Size, Image.Size).ToArray();
            for (int k = 0; k < Image.Size; k++)
            {
                Assert.True(Math.Abs(expected[k] - actual[k]) <= 1e-6, $"sample {i}, value {k}: expected {expected[k]}, got {actual[k]}");
            }
        }
    }

    [Fact]
    public void A_scale_too_small_for_fixed_point_positions_reads_only_the_fill()
    {
        // Every position lies 1e12 pixels out (the centre falls between pixels): beyond an int, so resampled in doubles.
        float[] samples = Samples(3, 8);
        var random = new SeededRandom(8);
        new Augmentation(Image).Rotate(30, fill: 0.25f).Scale(1e-12, 1e-12, fill: 0.25f).Apply(samples, ref random);
        Assert.All(samples, value => Assert.Equal(0.25f, value));
    }

    /// <summary>
    /// The reference: output pixel p comes from c + R(-angle)(p - c) / scale in the input, c the centre, read as the
    /// bilinear blend of the four pixels around it, pixels outside the image being <paramref name="fill"/>.
    /// </summary>
    private static float[] Affine(float[] sample, double degrees, double scale, float fill)
    {
        double angle = degrees * Math.PI / 180, cx = (Image.Width - 1) / 2.0, cy = (Image.Height - 1) / 2.0;
        var result = new float[sample.Length];
        for (int c = 0; c < Image.Channels; c++)
        {
            double Pixel(int x, int y) => x >= 0 && x < Image.Width && y >= 0 && y < Image.Height ? At(sample, c, y, x) : fill;
            for (int y = 0; y < Image.Height; y++)
            {
                for (int x = 0; x < Image.Width; x++)
                {
                    double sx = cx + (((Math.Cos(angle) * (x - cx)) + (Math.Sin(angle) * (y - cy))) / scale);
                    double sy = cy + (((-Math.Sin(angle) * (x - cx)) + (Math.Cos(angle) * (y - cy))) / scale);
                    int x0 = (int)Math.Floor(sx), y0 = (int)Math.Floor(sy);
                    double fx = sx - x0, fy = sy - y0;
                    double value = (Pixel(x0, y0) * (1 - fx) * (1 - fy)) + (Pixel(x0 + 1, y0) * fx * (1 - fy))
                        + (Pixel(x0, y0 + 1) * (1 - fx) * fy) + (Pixel(x0 + 1, y0 + 1) * fx * fy);
                    result[(((c * Image.Height) + y) * Image.Width) + x] = (float)value;
                }
            }
        }

        return result;
    }

    [Fact]
    public void Scale_then_rotate_is_the_same_single_resampling_as_rotate_then_scale()
    {
        float[] original = Samples(10, 9);
        float[] rotatedFirst = (float[])original.Clone(), scaledFirst = (float[])original.Clone();
        var first = new SeededRandom(9);
        var second = new SeededRandom(9);
        new Augmentation(Image).Rotate(20).Scale(0.8, 1.2).Apply(rotatedFirst, ref first);
        new Augmentation(Image).Scale(0.8, 1.2).Rotate(20).Apply(scaledFirst, ref second);

        Assert.Equal(rotatedFirst, scaledFirst);
        Assert.Equal(1, new Augmentation(Image).Rotate(20).Scale(0.8, 1.2).Count);
        Assert.Equal(2, new Augmentation(Image).Rotate(20, probability: 0.5).Scale(0.8, 1.2).Count); // chances apart: two steps
    }

    [Fact]
    public void Brightness_shifts_and_contrast_scales_each_channel_about_its_mean()
    {
        const int Count = 200;
        float[] original = Samples(Count, 8);
        float[] brighter = (float[])original.Clone(), contrasted = (float[])original.Clone();
        var random = new SeededRandom(8);
        new Augmentation(Image).Brightness(0.2f).Apply(brighter, ref random);
        new Augmentation(Image).Contrast(0.5f).Apply(contrasted, ref random);

        int plane = Image.Height * Image.Width;
        var offsets = new List<double>();
        var factors = new List<double>();
        for (int start = 0; start < original.Length; start += plane)
        {
            float[] before = original.AsSpan(start, plane).ToArray();
            double offset = brighter[start] - before[0];
            Assert.InRange(offset, -0.2, 0.2);
            Assert.All(Enumerable.Range(0, plane), k => Assert.Equal(before[k] + offset, brighter[start + k], 1e-5));
            offsets.Add(offset);

            // The factor from the value farthest from the mean: from one near it, the rounding of the float mean is magnified.
            double mean = before.Average(v => (double)v);
            int far = Enumerable.Range(0, plane).MaxBy(k => Math.Abs(before[k] - mean));
            double factor = (contrasted[start + far] - mean) / (before[far] - mean);
            Assert.InRange(factor, 0.5 - 1e-4, 1.5 + 1e-4);
            Assert.All(Enumerable.Range(0, plane), k => Assert.Equal(mean + ((before[k] - mean) * factor), contrasted[start + k], 1e-5));
            factors.Add(factor);
        }

        // Each channel of each sample draws its own: they spread over the range.
        Assert.True(offsets.Min() < -0.15 && offsets.Max() > 0.15);
        Assert.True(factors.Min() < 0.6 && factors.Max() > 1.4);
    }

    [Fact]
    public void Brightness_and_contrast_in_either_order_are_one_pass_with_both()
    {
        Assert.Equal(1, new Augmentation(Image).Brightness(0.2f).Contrast(0.5f).Count);
        Assert.Equal(1, new Augmentation(Image).Contrast(0.5f).Brightness(0.2f).Count);
        Assert.Equal(2, new Augmentation(Image).Brightness(0.2f).Contrast(0.5f, probability: 0.5).Count); // chances apart
        Assert.Equal(2, new Augmentation(Image).Brightness(0.2f).Brightness(0.2f).Count);                // two offsets stay two

        float[] original = Samples(50, 9);
        float[] adjusted = (float[])original.Clone();
        var random = new SeededRandom(9);
        SeededRandom draws = random;
        new Augmentation(Image).Contrast(0.5f).Brightness(0.2f).Apply(adjusted, ref random);

        // Each channel draws its offset, then its factor; the factor scales about the channel's mean, the offset shifts.
        int plane = Image.Height * Image.Width;
        for (int start = 0; start < original.Length; start += plane)
        {
            double offset = ((draws.NextDouble() * 2) - 1) * 0.2;
            double factor = 1 + (((draws.NextDouble() * 2) - 1) * 0.5);
            double mean = original.AsSpan(start, plane).ToArray().Average(v => (double)v);
            for (int k = 0; k < plane; k++)
            {
                Assert.Equal(mean + ((original[start + k] - mean) * factor) + offset, adjusted[start + k], 1e-5);
            }
        }
    }

    [Fact]
    public void Noise_has_the_requested_deviation_and_zero_mean()
    {
        float[] samples = new float[2000 * Image.Size];
        var random = new SeededRandom(4);
        new Augmentation(Image).Noise(0.1f).Apply(samples, ref random);

        double mean = samples.Average(v => (double)v);
        double deviation = Math.Sqrt(samples.Average(v => ((double)v - mean) * ((double)v - mean)));
        Assert.InRange(mean, -0.002, 0.002);
        Assert.InRange(deviation, 0.098, 0.102);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(13)]
    [InlineData(64)]
    public void Filling_draws_at_once_gives_the_sequence_one_draw_at_a_time_gives(int length)
    {
        var oneByOne = new SeededRandom(11);
        var atOnce = new SeededRandom(11);
        ulong[] expected = Enumerable.Range(0, length).Select(_ => oneByOne.NextUInt64()).ToArray();
        var actual = new ulong[length];
        atOnce.Fill(actual);

        Assert.Equal(expected, actual);
        Assert.Equal(oneByOne.NextUInt64(), atOnce.NextUInt64()); // and the stream goes on from the same place
    }

    [Fact]
    public void Noise_sines_and_cosines_of_turn_fractions_match_double_precision()
    {
        // Every quadrant boundary and its neighbours, then random 24-bit fractions; 1,003 values leave a partial vector.
        var turns = new List<float>();
        for (int quarter = 0; quarter < 4; quarter++)
        {
            foreach (float t in new[] { quarter / 4f, (quarter / 4f) + (1f / 8), (quarter / 4f) - (1f / (1 << 24)), (quarter / 4f) + (1f / (1 << 24)) })
            {
                if (t >= 0 && t < 1)
                {
                    turns.Add(t);
                }
            }
        }

        var random = new SeededRandom(5);
        while (turns.Count < 1003)
        {
            turns.Add((random.NextUInt64() & 0xFFFFFF) / (float)(1 << 24));
        }

        var sine = new float[turns.Count];
        var cosine = new float[turns.Count];
        StaticNet.Training.Augmentations.NoiseStep.SineAndCosineOfTurns(turns.ToArray(), sine, cosine);
        for (int i = 0; i < turns.Count; i++)
        {
            double angle = 2 * Math.PI * turns[i];
            Assert.True(Math.Abs(sine[i] - Math.Sin(angle)) <= 2.5e-7, $"sin(2 pi {turns[i]}): {sine[i]} against {Math.Sin(angle)}");
            Assert.True(Math.Abs(cosine[i] - Math.Cos(angle)) <= 2.5e-7, $"cos(2 pi {turns[i]}): {cosine[i]} against {Math.Cos(angle)}");

            // The one-value form, which runs where vectors are not accelerated (netstandard2.1), gives the same bits.
            StaticNet.Training.Augmentations.NoiseStep.SineAndCosine(turns[i], out float oneSine, out float oneCosine);
            Assert.Equal(BitConverter.SingleToInt32Bits(sine[i]), BitConverter.SingleToInt32Bits(oneSine));
            Assert.Equal(BitConverter.SingleToInt32Bits(cosine[i]), BitConverter.SingleToInt32Bits(oneCosine));
        }
    }

    [Fact]
    public void Identity_settings_leave_samples_bit_identical()
    {
        float[] original = Samples(20, 5);
        float[] augmented = (float[])original.Clone();
        var random = new SeededRandom(5);
        new Augmentation(Image).Noise(0f).Shift(0).Rotate(0).Scale(1, 1).Brightness(0).Contrast(0).FlipHorizontal(0).FlipVertical(0)
            .Erase(2, 2, probability: 0).Apply(augmented, ref random);

        Assert.Equal(original, augmented);
    }

    [Fact]
    public void Probability_decides_per_sample()
    {
        float[] original = Samples(1000, 6);
        float[] flipped = (float[])original.Clone();
        var random = new SeededRandom(6);
        new Augmentation(Image).FlipHorizontal(probability: 0.3).Apply(flipped, ref random);

        int changed = Enumerable.Range(0, 1000).Count(i => !original.AsSpan(i * Image.Size, Image.Size).SequenceEqual(flipped.AsSpan(i * Image.Size, Image.Size)));
        Assert.InRange(changed, 250, 350);
    }

    [Fact]
    public void Image_transforms_on_a_flat_network_and_bad_arguments_are_refused_as_they_are_added()
    {
        var flat = new Augmentation(Iris.IrisNet.InputShape);
        var error = Assert.Throws<InvalidOperationException>(() => flat.Shift(1));
        Assert.Contains("Shift transforms images, but the network's input is a flat vector (4)", error.Message);
        Assert.Throws<InvalidOperationException>(() => flat.FlipHorizontal());
        Assert.Throws<InvalidOperationException>(() => flat.Erase(1, 1));
        Assert.Throws<InvalidOperationException>(() => flat.Rotate(10));
        Assert.Throws<InvalidOperationException>(() => flat.Contrast(0.1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Augmentation(Image).Scale(1.2, 0.8));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Augmentation(Image).Rotate(200));
        flat.Noise(0.1f); // noise suits any input

        Assert.Throws<ArgumentOutOfRangeException>(() => new Augmentation(Image).Noise(float.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Augmentation(Image).Shift(7));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Augmentation(Image).FlipVertical(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Augmentation(Image).Noise(0.1f, double.NaN));
        var wrongLength = Assert.Throws<ArgumentException>(() =>
        {
            var random = new SeededRandom(1);
            new Augmentation(Image).Apply(new float[Image.Size + 1], ref random);
        });
        Assert.Contains($"whole samples of {Image.Size} values", wrongLength.Message);
    }

    public static TheoryData<string, string> OutOfRangeValues => new()
    {
        { "Shift fill NaN", "fill" }, { "Rotate fill +Infinity", "fill" }, { "Scale fill -Infinity", "fill" }, { "Erase value NaN", "value" },
        { "Shift fill 1e30", "fill" }, { "Erase value -2e6", "value" }, { "Noise 1e30", "standardDeviation" }, { "Brightness 1e30", "maxDelta" },
        { "Noise +Infinity", "standardDeviation" }, { "Brightness NaN", "maxDelta" },
    };

    /// <summary>Issue 29, item 5: these were accepted and training then blamed the data (TrainingDivergedException).</summary>
    [Theory]
    [MemberData(nameof(OutOfRangeValues))]
    public void Non_finite_or_huge_fills_and_amounts_are_refused_naming_the_parameter(string call, string parameter)
    {
        string[] words = call.Split(' ');
        float value = float.Parse(words[^1], System.Globalization.CultureInfo.InvariantCulture);
        var augmentation = new Augmentation(Image);
        Action add = words[0] switch
        {
            "Shift" => () => augmentation.Shift(1, fill: value),
            "Rotate" => () => augmentation.Rotate(10, fill: value),
            "Scale" => () => augmentation.Scale(0.9, 1.1, fill: value),
            "Erase" => () => augmentation.Erase(2, 2, value: value),
            "Noise" => () => augmentation.Noise(value),
            "Brightness" => () => augmentation.Brightness(value),
            _ => throw new ArgumentException(call),
        };

        var error = Assert.Throws<ArgumentOutOfRangeException>(add);

        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(words[0], error.Message);
        Assert.Equal(0, augmentation.Count);
        augmentation.Shift(1, fill: -Augmentation.MaxValue).Noise(Augmentation.MaxValue); // the limits themselves are accepted
    }

    private static Dataset Images(int count, int seed)
    {
        var random = new Random(seed);
        return Dataset.FromRows(
            Enumerable.Range(0, count).Select(_ => RandomData.Uniform(random, CnnSmallNet.InputSize, 1.0)).ToArray(),
            Enumerable.Range(0, count).Select(_ => RandomData.OneHot(random, CnnSmallNet.OutputSize)).ToArray());
    }

    private static Trainer AugmentingTrainer(int seed, int epochs = 3) => new(new Adam(CnnSmallNet.ParameterCount, 0.01f))
    {
        Epochs = epochs,
        BatchSize = 8,
        Seed = seed,
        Augmentation = new Augmentation(CnnSmallNet.InputShape).Shift(1).Rotate(10).Scale(0.9, 1.1).FlipHorizontal().Brightness(0.1f)
            .Contrast(0.2f).Erase(3, 3).Noise(0.1f),
    };

    [Fact]
    public void Training_with_augmentation_is_reproducible_and_differs_from_training_without()
    {
        Dataset data = Images(40, 7);
        float[] Train(Trainer trainer)
        {
            var network = new CnnSmallNet(seed: 3);
            trainer.Fit(network, data);
            return network.Parameters;
        }

        Assert.Equal(Train(AugmentingTrainer(seed: 1)), Train(AugmentingTrainer(seed: 1)));
        Assert.NotEqual(Train(AugmentingTrainer(seed: 1)), Train(AugmentingTrainer(seed: 2)));
        Assert.NotEqual(Train(AugmentingTrainer(seed: 1)), Train(new Trainer(new Adam(CnnSmallNet.ParameterCount, 0.01f)) { Epochs = 3, BatchSize = 8, Seed = 1 }));
    }

    [Fact]
    public void Augmentation_never_touches_the_data_or_the_validation_measurement()
    {
        Dataset training = Images(32, 8), validation = Images(16, 9);
        float[] trainingInputs = Enumerable.Range(0, training.Count).SelectMany(i => training.Input(i).ToArray()).ToArray();
        var network = new CnnSmallNet(seed: 4);

        TrainingHistory history = AugmentingTrainer(seed: 3, epochs: 1).Fit(network, training, validation);

        Assert.Equal(trainingInputs, Enumerable.Range(0, training.Count).SelectMany(i => training.Input(i).ToArray()).ToArray());
        // The epoch's validation loss is that of the clean validation data under the trained parameters.
        Assert.Equal(Evaluation.Measure(network, validation).Loss, history.Epochs[^1].ValidationLoss);
    }

    [Fact]
    public void An_augmentation_for_another_shape_is_refused_before_any_step()
    {
        var network = new ConvPoolNet(seed: 1);
        float[] before = (float[])network.Parameters.Clone();
        var trainer = new Trainer(new Adam(ConvPoolNet.ParameterCount, 0.01f)) { Augmentation = new Augmentation(CnnSmallNet.InputShape).Shift(1) };
        var random = new Random(1);
        Dataset data = Dataset.FromRows([RandomData.Uniform(random, ConvPoolNet.InputSize, 1.0)], [new float[ConvPoolNet.OutputSize]]);

        var error = Assert.Throws<ArgumentException>(() => trainer.TrainBatch(network, data, [0]));
        Assert.Contains("made for inputs of shape (1, 8, 8), but the network's InputShape is (3, 7, 6)", error.Message);
        Assert.Equal(before, network.Parameters);
    }

    [Fact]
    public void A_training_step_with_augmentation_allocates_nothing_once_warm()
    {
        var network = new CnnSmallNet(seed: 5);
        Dataset data = Images(16, 10);
        Trainer trainer = AugmentingTrainer(seed: 4);
        int[] rows = Enumerable.Range(0, 16).ToArray();

        Assert.Equal(0, Allocations.Measure(() => trainer.TrainBatch(network, data, rows)));
    }
}

using System;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;
using StaticNet.Benchmarks;

// Times, in a fresh process, one network's first call, its first 10,000 calls (the first included) and, after it has
// run long enough for the JIT to tier up, its best 10,000 calls: microseconds, on one line. The calling loop and the
// lambdas are compiled fully optimised so that what is timed is StaticNet's code, not this harness in the JIT's quick
// first tier (an application's own loop is its own business; NativeAOT compiles everything ahead anyway).
const int Calls = 10_000;
Action call = Network(args[0]);
var clock = Stopwatch.StartNew();
call();
double first = clock.Elapsed.TotalMicroseconds;
Timing.Run(call, Calls - 1);
double firstCalls = clock.Elapsed.TotalMicroseconds;
for (int round = 0; round < 4; round++)
{
    Timing.Run(call, 50_000);
    Thread.Sleep(250);
}

double steady = double.MaxValue;
for (int round = 0; round < 5; round++)
{
    clock.Restart();
    Timing.Run(call, Calls);
    steady = Math.Min(steady, clock.Elapsed.TotalMicroseconds);
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{first} {firstCalls} {steady}"));

static Action Network(string name)
{
    var random = new Random(1);
    float[] Values(int count)
    {
        float[] values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)(random.NextDouble() - 0.5);
        }

        return values;
    }

    switch (name)
    {
        case nameof(N1):
            {
                float[] parameters = Values(N1.ParameterCount), input = Values(N1.InputSize), output = new float[N1.OutputSize];
                return [MethodImpl(MethodImplOptions.AggressiveOptimization)] () => N1.Forward(parameters, input, output);
            }

        case nameof(N2):
            {
                float[] parameters = Values(N2.ParameterCount), input = Values(N2.InputSize), output = new float[N2.OutputSize];
                return [MethodImpl(MethodImplOptions.AggressiveOptimization)] () => N2.Forward(parameters, input, output);
            }

        case nameof(N3):
            {
                float[] parameters = Values(N3.ParameterCount), input = Values(N3.InputSize), output = new float[N3.OutputSize];
                return [MethodImpl(MethodImplOptions.AggressiveOptimization)] () => N3.Forward(parameters, input, output);
            }

        case nameof(N4):
            {
                float[] parameters = Values(N4.ParameterCount), input = Values(N4.InputSize), output = new float[N4.OutputSize];
                return [MethodImpl(MethodImplOptions.AggressiveOptimization)] () => N4.Forward(parameters, input, output);
            }

        case nameof(S1):
            {
                float[] parameters = Values(S1.ParameterCount), state = new float[S1.StreamStateCount];
                float[] input = Values(S1.StepInputSize), output = new float[S1.StepOutputSize];
                return [MethodImpl(MethodImplOptions.AggressiveOptimization)] () => S1.Step(parameters, state, input, output);
            }

        case nameof(S2):
            {
                float[] parameters = Values(S2.ParameterCount), state = new float[S2.StreamStateCount];
                float[] input = Values(S2.StepInputSize), output = new float[S2.StepOutputSize];
                return [MethodImpl(MethodImplOptions.AggressiveOptimization)] () => S2.Step(parameters, state, input, output);
            }

        default:
            throw new ArgumentException($"No network '{name}': N1 to N4, S1 or S2.", nameof(name));
    }
}

internal static class Timing
{
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Run(Action call, int count)
    {
        for (int i = 0; i < count; i++)
        {
            call();
        }
    }
}

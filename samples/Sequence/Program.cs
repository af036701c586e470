using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using StaticNet;
using StaticNet.Training;

// A GRU learns to imitate a distortion with memory (ToneSystem: saturation, then a low-pass tail) from windows of 32
// samples, then runs as a stream, one sample per call with its state in a span, as an audio callback would.
const int Window = ToneNet.InputSize;
const int TrainLength = 24_000, TestLength = 8_000;
float[] signal = ToneSystem.Signal(TrainLength + TestLength, seed: 7);
float[] target = ToneSystem.Run(signal);

var inputs = new List<float[]>();
var targets = new List<float[]>();
for (int end = Window; end <= TrainLength; end += 2)
{
    inputs.Add(signal[(end - Window)..end]);
    targets.Add([target[end - 1]]);
}

var network = new ToneNet(seed: 1);
var trainer = new Trainer(new Adam(ToneNet.ParameterCount, learningRate: 0.01f)) { Epochs = 12, BatchSize = 32, Seed = 1, Progress = new ConsoleProgress() };
Console.WriteLine(ToneNet.Summary);
TrainingHistory history = trainer.Fit(network, Dataset.FromRows(inputs, targets));
Console.WriteLine($"Training loss after {history.Epochs.Count} epochs: {history.Last.TrainingLoss:E3}");

// The trained parameters, read from here on.
float[] parameters = network.Parameters;

// Streaming over the held-out signal: one call per sample, the state carried across far more than 32 samples.
var state = new float[ToneNet.StreamStateCount];
var step = new float[ToneNet.StepOutputSize];
var prediction = new float[TestLength];
ToneNet.ResetState(state);
for (int t = 0; t < TestLength; t++)
{
    ToneNet.Step(parameters, state, signal.AsSpan(TrainLength + t, 1), step);
    prediction[t] = step[0];
}

float[] expected = target[TrainLength..];
double error = Math.Sqrt(prediction.Zip(expected, (p, e) => (double)(p - e) * (p - e)).Average());
double level = Math.Sqrt(expected.Average(e => (double)e * e));
Console.WriteLine($"Streamed over {TestLength} held-out samples: RMS error {error:F4} against a signal of RMS {level:F4} ({error / level:P1})");

// Trained the way it streams: the training signal cut into eight recordings, each run as consecutive 32-sample windows
// that start from the state the window before ended with (Trainer.FitStreams: truncated backpropagation through time),
// every sample's output in the loss. This distortion's memory (a pole of 0.85: a few samples) fits in a window, so both
// ways stream well; where the memory outlasts the window, only a network trained this way streams with the error it
// trained to (the tests' low-pass filter: 0.0022 against 0.344 trained on windows from a zero state).
var recordings = new Signals(inputFeatures: 1, targetFeatures: 1);
const int RecordingLength = TrainLength / 8;
for (int start = 0; start < TrainLength; start += RecordingLength)
{
    recordings.Add(signal.AsSpan(start, RecordingLength), target.AsSpan(start, RecordingLength));
}

var streaming = new ToneStream(seed: 1);
new Trainer(new Adam(ToneStream.ParameterCount, learningRate: 0.01f)) { Epochs = 20, BatchSize = 2, Seed = 1, MaxGradientNorm = 1f, Progress = new ConsoleProgress() }
    .FitStreams(streaming, recordings);
var streamingState = new float[ToneStream.StreamStateCount];
var streamingPrediction = new float[TestLength];
ToneStream.ResetState(streamingState);
for (int t = 0; t < TestLength; t++)
{
    streaming.Step(streamingState, signal.AsSpan(TrainLength + t, 1), step);
    streamingPrediction[t] = step[0];
}

double streamingError = Math.Sqrt(streamingPrediction.Zip(expected, (p, e) => (double)(p - e) * (p - e)).Average());
Console.WriteLine($"Trained on carried windows (FitStreams), streamed over the same samples: RMS error {streamingError:F4} ({streamingError / level:P1})");

// A window streamed from a reset state gives Forward's bits for that window.
var forward = new float[ToneNet.OutputSize];
ToneNet.Forward(parameters, signal.AsSpan(TrainLength, Window), forward);
ToneNet.ResetState(state);
for (int t = 0; t < Window; t++)
{
    ToneNet.Step(parameters, state, signal.AsSpan(TrainLength + t, 1), step);
}

Console.WriteLine($"One window, Forward {forward[0]:R} and streamed {step[0]:R}: {(BitConverter.SingleToInt32Bits(forward[0]) == BitConverter.SingleToInt32Bits(step[0]) ? "the same bits" : "DIFFERENT")}");

// The cost of a step, best of five rounds of a million: Step on the parameters as trained, and StepPacked on the copy
// PackParameters makes (the recurrent weights transposed, so each state value scales a row of gates), which streams
// ForwardPacked's bits and Step's values to rounding. Pack once after training; pack again if the parameters change.
// The network object keeps such a copy itself: network.Step gives StepPacked's bits without packing by hand.
var packed = new float[ToneNet.ParameterCount];
ToneNet.PackParameters(parameters, packed);
double Time(int way)
{
    double best = double.MaxValue;
    for (int round = 0; round < 5; round++)
    {
        var watch = Stopwatch.StartNew();
        for (int t = 0; t < 1_000_000; t++)
        {
            ReadOnlySpan<float> sample = signal.AsSpan(t % signal.Length, 1);
            switch (way)
            {
                case 0:
                    ToneNet.Step(parameters, state, sample, step);
                    break;
                case 1:
                    ToneNet.StepPacked(packed, state, sample, step);
                    break;
                default:
                    network.Step(state, sample, step);
                    break;
            }
        }

        best = Math.Min(best, watch.Elapsed.TotalNanoseconds / 1_000_000);
    }

    return best;
}

double plain = Time(0), fast = Time(1), byObject = Time(2);
Console.WriteLine($"One streaming step: Step {plain:F0} ns, StepPacked {fast:F0} ns ({1e9 / fast / 48_000:F0}x real time at 48 kHz, one channel), network.Step {byObject:F0} ns");
// For runtimes that keep no state between calls: one step as an ONNX model, the state going in and coming out.
string onnxStep = SampleOutput.File("tone-step.onnx");
ToneNet.ToOnnxStep(parameters, onnxStep);
Console.WriteLine($"Wrote {onnxStep}: one step, inputs input [batch, {ToneNet.StepInputSize}] and state [batch, {ToneNet.StreamStateCount}], outputs output and next_state.");
string plot = SampleOutput.File("sequence.svg");
SignalPlot.Write(plot, "ToneNet streaming: held-out input, target and prediction",
    ("input", "#999", signal[TrainLength..(TrainLength + 600)]), ("target", "#1f77b4", expected[..600]), ("GRU", "#d62728", prediction[..600]),
    ("GRU, carried windows", "#2ca02c", streamingPrediction[..600]));
Console.WriteLine($"Wrote {plot}: input, target and both predictions over 600 held-out samples.");

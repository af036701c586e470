// Reference values for StaticNet's BatchNorm tests, from libtorch through TorchSharp (functional API,
// training mode). Parameters, inputs and targets follow the formulas in BatchNormReferenceTests.
using System;
using System.Globalization;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

static float P(int i) => (float)(0.5 * Math.Sin(1.3 * i + 0.2));
static float X(int i) => (float)(1.5 * Math.Cos(0.7 * i));
static float T(int i) => (float)Math.Sin(0.9 * i);
static Tensor Vec(int offset, int count, params long[] shape) =>
    tensor(Enumerable.Range(offset, count).Select(P).ToArray()).reshape(shape).requires_grad_(true);
static string Show(Tensor t) => string.Join(", ", t.detach().flatten().data<float>().ToArray().Select(v => v.ToString("R", CultureInfo.InvariantCulture) + "f"));

// Network A: Input(3) -> Dense(4) -> BatchNorm(Tanh) -> Dense(2), mean squared error, batch 4.
{
    int batch = 4;
    var w1 = Vec(0, 12, 4, 3); var b1 = Vec(12, 4, 4);
    var gamma = Vec(16, 4, 4); var beta = Vec(20, 4, 4);
    var w2 = Vec(24, 8, 2, 4); var b2 = Vec(32, 2, 2);
    var runningMean = tensor(Enumerable.Range(0, 4).Select(c => 0.05f * (c + 1)).ToArray());
    var runningVar = tensor(Enumerable.Range(0, 4).Select(c => 1f + (0.1f * c)).ToArray());
    var x = tensor(Enumerable.Range(0, batch * 3).Select(X).ToArray()).reshape(batch, 3);
    var t = tensor(Enumerable.Range(0, batch * 2).Select(T).ToArray()).reshape(batch, 2);
    var z = nn.functional.linear(x, w1, b1);
    var n = nn.functional.batch_norm(z, runningMean, runningVar, gamma, beta, training: true, momentum: 0.1, eps: 1e-5);
    var y = nn.functional.linear(nn.functional.tanh(n), w2, b2);
    var loss = nn.functional.mse_loss(y, t);
    loss.backward();
    Console.WriteLine("A outputs: " + Show(y));
    Console.WriteLine("A loss: " + Show(loss));
    Console.WriteLine("A gradients: " + string.Join(", ", new[] { w1, b1, gamma, beta, w2, b2 }.Select(p => Show(p.grad!))));
    Console.WriteLine("A state: " + Show(runningMean) + ", " + Show(runningVar));
    using (no_grad())
    {
        var e = nn.functional.batch_norm(nn.functional.linear(x, w1, b1), runningMean, runningVar, gamma, beta, training: false, eps: 1e-5);
        Console.WriteLine("A eval outputs: " + Show(nn.functional.linear(nn.functional.tanh(e), w2, b2)));
    }
}

// Network B: Input(2, 4, 4) -> Conv2D(3, 3x3) -> BatchNorm(LeakyReLU) -> Flatten -> Dense(2, Softmax), cross-entropy, batch 3.
{
    int batch = 3;
    var w1 = Vec(0, 54, 3, 2, 3, 3); var b1 = Vec(54, 3, 3);
    var gamma = Vec(57, 3, 3); var beta = Vec(60, 3, 3);
    var w2 = Vec(63, 24, 2, 12); var b2 = Vec(87, 2, 2);
    var runningMean = zeros(3);
    var runningVar = ones(3);
    var x = tensor(Enumerable.Range(0, batch * 32).Select(X).ToArray()).reshape(batch, 2, 4, 4);
    var labels = tensor(new long[] { 0, 1, 1 });
    var z = nn.functional.conv2d(x, w1, b1);
    var n = nn.functional.batch_norm(z, runningMean, runningVar, gamma, beta, training: true, momentum: 0.1, eps: 1e-5);
    var logits = nn.functional.linear(nn.functional.leaky_relu(n, 0.01).flatten(1), w2, b2);
    var loss = nn.functional.cross_entropy(logits, labels);
    loss.backward();
    Console.WriteLine("B probabilities: " + Show(nn.functional.softmax(logits, 1)));
    Console.WriteLine("B loss: " + Show(loss));
    Console.WriteLine("B gradients: " + string.Join(", ", new[] { w1, b1, gamma, beta, w2, b2 }.Select(p => Show(p.grad!))));
    Console.WriteLine("B state: " + Show(runningMean) + ", " + Show(runningVar));
    using (no_grad())
    {
        var e = nn.functional.batch_norm(nn.functional.conv2d(x, w1, b1), runningMean, runningVar, gamma, beta, training: false, eps: 1e-5);
        Console.WriteLine("B eval probabilities: " + Show(nn.functional.softmax(nn.functional.linear(nn.functional.leaky_relu(e, 0.01).flatten(1), w2, b2), 1)));
    }
}

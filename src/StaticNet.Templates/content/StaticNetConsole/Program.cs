using StaticNet.Training;
using STATICNET_NAMESPACE;

// Train IrisNet (IrisNet.cs) on Fisher's iris flowers, score it on flowers it never saw, and save its weights to
// model.snw. Build again and the weights are baked into the program (BakedIrisNet.cs): the second run shows them too.
Dataset flowers = Dataset.FromCsv(Path.Combine(AppContext.BaseDirectory, "iris.csv"), labelColumn: "species");
var (training, test) = flowers.Split(testFraction: 0.3, seed: 1);
Console.WriteLine(IrisNet.Summary);

var network = new IrisNet(seed: 1);
var trainer = new Trainer(new Adam(IrisNet.ParameterCount, learningRate: 0.01f))
{
    Epochs = 200,
    BatchSize = 16,
    Seed = 1,
    ValidationFraction = 0.2,       // early stopping watches a fifth of the training flowers
    EarlyStoppingPatience = 30,
    Progress = new ConsoleProgress(),
};
TrainingHistory history = trainer.Fit(network, training);
Console.WriteLine(history.StoppedEarly
    ? $"Stopped early: validation loss had not improved since epoch {history.BestEpoch}, whose weights are kept."
    : $"Trained {trainer.Epochs} epochs; kept epoch {history.BestEpoch}, the best on validation.");
var (testLoss, testAccuracy) = Evaluation.Measure(network, test);
Console.WriteLine($"Test: loss {testLoss:F3}, accuracy {testAccuracy:P1} on {test.Count} held-out flowers");

float[] flower = [6.1f, 2.8f, 4.7f, 1.2f];
float[] probabilities = network.Predict(flower);
int species = Metrics.ArgMax(probabilities);
Console.WriteLine($"A flower of {string.Join(", ", flower)} cm is {flowers.ClassNames[species]} ({probabilities[species]:P1})");

string weights = Path.GetFullPath("model.snw");
network.Save(weights);
Console.WriteLine($"Saved the weights to {weights}");

//-:cnd:noEmit
#if BAKED
int baked = BakedIrisNet.PredictTrainedClass(flower);
Console.WriteLine($"Baked weights from the previous run say: {flowers.ClassNames[baked]}");
#else
Console.WriteLine("Build and run again to bake them into the program.");
#endif
//+:cnd:noEmit

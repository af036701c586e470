using StaticNet;

/// <summary>
/// <see cref="ToneNet"/>'s GRU with its read-out on every step instead of the last: trained on consecutive windows of
/// long recordings with the state carried from window to window (<c>Trainer.FitStreams</c>), every sample's output in the loss.
/// </summary>
[Network]
[Input(32, 1)]
[Gru(8)]
[Dense(1)]
internal partial class ToneStream { }

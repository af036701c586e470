using StaticNet;

/// <summary>
/// Eight GRU units over a window of 32 samples of one channel, and a linear read-out of the last state: what the
/// distortion gives at the window's last sample. Streaming, the same network takes one sample per call.
/// </summary>
[Network]
[Input(32, 1)]
[Gru(8)]
[LastStep]
[Dense(1)]
internal partial class ToneNet { }

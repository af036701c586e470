using StaticNet;

namespace StaticNet.Tests.Audio;

/// <summary>A two-layer LSTM amp model (NamModelTests' stacked.nam), as <c>declare</c> prints it.</summary>
[Network]
[Input(8, 1)]
[Lstm(2, Name = "lstm0")]
[Lstm(2, Name = "lstm1")]
[Dense(1, Name = "head")]
public partial class StackedLstmAmp { }

using StaticNet;

namespace AmpModel;

// lstm.nam: an LSTM of 1 layer of 3 hidden units, 1 output. Load its weights with NamModel.Load(path).LoadInto(network).
[Network]
[Input(64, 1)]
[Lstm(3, Name = "lstm0")]
[Dense(1, Name = "head")]
public partial class LstmAmp { }

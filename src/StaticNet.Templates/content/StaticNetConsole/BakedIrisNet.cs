//-:cnd:noEmit
#if BAKED
using StaticNet;

namespace STATICNET_NAMESPACE;

/// <summary>
/// IrisNet's architecture with the weights a run saved to model.snw compiled in as constant data: nothing is loaded at
/// run time. The project defines BAKED once model.snw exists; change IrisNet's layers and this declaration together, or
/// the build reports that the file does not fit (SN0034).
/// </summary>
[Network(Loss = Loss.CrossEntropy, Weights = "model.snw")]
[Input(4)]
[Dense(16, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class BakedIrisNet { }
#endif
//+:cnd:noEmit

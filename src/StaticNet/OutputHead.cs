namespace StaticNet;

/// <summary>
/// One output of a network (a head): its values are <see cref="Size"/> values from <see cref="Offset"/> on in each sample's
/// output and target, trained with <see cref="Loss"/>; the network's per-sample loss is the sum over heads of
/// <see cref="Weight"/> times the head's loss. A network without <c>[Output]</c> attributes has one head, all its outputs.
/// </summary>
/// <param name="Name">The head's name: its <c>[Output]</c>'s Name, else its layer's, else <c>outputN</c>.</param>
/// <param name="Offset">Where its values start in each sample's output and target.</param>
/// <param name="Size">How many values it has.</param>
/// <param name="Loss">Its loss.</param>
/// <param name="Weight">Its weight in the network's loss.</param>
public sealed record OutputHead(string Name, int Offset, int Size, Loss Loss, float Weight);

using System;

namespace StaticNet.Training;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls its handler at once, on the training thread, in order.
/// (<see cref="Progress{T}"/> posts to a synchronization context instead, which suits UI apps.)
/// </summary>
public sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    /// <inheritdoc/>
    public void Report(T value) => handler(value);
}

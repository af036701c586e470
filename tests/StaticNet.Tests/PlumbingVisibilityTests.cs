using System;
using System.ComponentModel;
using System.Linq;
using System.Reflection;
using Xunit;

namespace StaticNet.Tests;

/// <summary>Runtime classes public only so that generated code can call them are hidden from IntelliSense.</summary>
public class PlumbingVisibilityTests
{
    [Fact]
    public void Kernels_and_guards_for_generated_code_are_hidden_from_the_editor_and_the_user_facing_api_is_not()
    {
        Assembly runtime = typeof(NetworkAttribute).Assembly;
        string[] hidden = runtime.GetExportedTypes()
            .Where(type => type.GetCustomAttribute<EditorBrowsableAttribute>()?.State == EditorBrowsableState.Never)
            .Select(type => type.Name).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(
            ["AtomicFile", "BatchLosses", "BatchNormKernels", "Conv1DKernels", "Conv2DKernels", "DenseKernels", "DropoutKernels", "GraphKernels", "GruKernels", "LstmKernels", "NoBias", "PoolingKernels", "SampleSplit", "SequenceKernels", "SpanGuard"],
            hidden);
    }
}

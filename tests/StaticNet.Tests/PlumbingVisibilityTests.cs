using System;
using System.ComponentModel;
using System.Linq;
using System.Reflection;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// Runtime classes public only so that generated code can call them are hidden from IntelliSense, by rule rather than by
/// a list: every kernel class (<c>StaticNet.Runtime.*Kernels</c>) is hidden, plumbing lives only in the runtime and storage
/// namespaces, and nothing of the user-facing namespaces (<c>StaticNet</c>, <c>StaticNet.Training</c>) is.
/// </summary>
public class PlumbingVisibilityTests
{
    private static readonly Type[] Exported = typeof(NetworkAttribute).Assembly.GetExportedTypes();

    private static bool IsHidden(Type type) => type.GetCustomAttribute<EditorBrowsableAttribute>()?.State == EditorBrowsableState.Never;

    [Fact]
    public void Every_kernel_class_is_hidden_from_the_editor()
    {
        Type[] kernels = Exported.Where(type => type.Namespace == "StaticNet.Runtime" && type.Name.EndsWith("Kernels", StringComparison.Ordinal)).ToArray();

        Assert.NotEmpty(kernels);
        Assert.All(kernels, kernel => Assert.True(IsHidden(kernel), $"{kernel.Name} is plumbing for generated code: mark it [EditorBrowsable(Never)]"));
    }

    [Fact]
    public void Hidden_types_are_plumbing_and_the_user_facing_api_is_not_hidden()
    {
        Assert.All(Exported.Where(IsHidden), type => Assert.Contains(type.Namespace, new[] { "StaticNet.Runtime", "StaticNet.Storage" }));
        Assert.All(Exported.Where(type => type.Namespace is "StaticNet" or "StaticNet.Training"), type => Assert.False(IsHidden(type), $"{type.FullName} is user-facing"));
    }
}

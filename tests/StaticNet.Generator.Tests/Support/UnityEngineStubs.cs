using System;
using System.IO;
using System.Linq;

namespace StaticNet.Generator.Tests.Support;

/// <summary>
/// The members of Unity's API (UnityEngine) that the README's Unity block and the Unity package's script use, as source:
/// the code is checked against these, as no Unity runs here. <c>Debug.Log</c> keeps what it is given, for the tests that
/// run the package's script.
/// </summary>
public static class UnityEngineStubs
{
    public const string Source = """
        namespace UnityEngine
        {
            public class Object
            {
                public string name { get; set; } = "";
            }

            public class Component : Object { }

            public class Behaviour : Component { }

            public class MonoBehaviour : Behaviour { }

            public class TextAsset : Object
            {
                public byte[] bytes { get; set; } = new byte[0];
            }

            [System.AttributeUsage(System.AttributeTargets.Field)]
            public sealed class SerializeFieldAttribute : System.Attribute { }

            public static class Debug
            {
                public static readonly System.Collections.Generic.List<string> Messages = new System.Collections.Generic.List<string>();

                public static void Log(object message)
                {
                    lock (Messages)
                    {
                        Messages.Add(message?.ToString() ?? "Null");
                    }
                }
            }
        }
        """;

    /// <summary>The Unity package's scripts (src/StaticNet.Unity/Runtime), which a Unity project compiles from source.</summary>
    public static string[] PackageScripts() =>
        Directory.GetFiles(Path.Combine(DotNetCli.RepositoryRoot, "src", "StaticNet.Unity", "Runtime"), "*.cs")
            .Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray();
}

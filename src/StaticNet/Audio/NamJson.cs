using System;
using System.Globalization;
using System.Text.Json;
using StaticNet.Storage;

namespace StaticNet.Audio;

/// <summary>Reads a <c>.nam</c> file's JSON fields, each failure a <see cref="WeightFileException"/> naming the file and the field.</summary>
internal readonly struct NamJson(string source)
{
    public WeightFileException Error(string problem) => new(source, problem);

    public JsonElement Property(JsonElement parent, string name, string where)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out JsonElement value))
        {
            throw Error($"{where} has no \"{name}\"");
        }

        return value;
    }

    public JsonElement? Optional(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public int Int(JsonElement parent, string name, string where, int minimum = 1)
    {
        JsonElement value = Property(parent, name, where);
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out int number) || number < minimum)
        {
            throw Error($"{where}'s \"{name}\" is {value.GetRawText()}, not a whole number of at least {minimum}");
        }

        return number;
    }

    public int OptionalInt(JsonElement parent, string name, string where, int fallback) =>
        Optional(parent, name) is null ? fallback : Int(parent, name, where);

    public bool Bool(JsonElement parent, string name, string where)
    {
        JsonElement value = Property(parent, name, where);
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error($"{where}'s \"{name}\" is {value.GetRawText()}, not true or false"),
        };
    }

    public string String(JsonElement parent, string name, string where)
    {
        JsonElement value = Property(parent, name, where);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Error($"{where}'s \"{name}\" is {value.GetRawText()}, not a string");
    }

    public double? OptionalNumber(JsonElement parent, string name, string where)
    {
        JsonElement? value = Optional(parent, name);
        if (value is null)
        {
            return null;
        }

        return value.Value.ValueKind == JsonValueKind.Number
            ? value.Value.GetDouble()
            : throw Error($"{where}'s \"{name}\" is {value.Value.GetRawText()}, not a number");
    }

    public int[] Ints(JsonElement parent, string name, string where)
    {
        JsonElement value = Property(parent, name, where);
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            throw Error($"{where}'s \"{name}\" is {Abbreviated(value)}, not a list of whole numbers");
        }

        int[] numbers = new int[value.GetArrayLength()];
        int index = 0;
        foreach (JsonElement item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out numbers[index]) || numbers[index] < 1)
            {
                throw Error($"{where}'s \"{name}\"[{index}] is {item.GetRawText()}, not a whole number of at least 1");
            }

            index++;
        }

        return numbers;
    }

    /// <summary>The flat weights as float32, as the core narrows them; every one finite.</summary>
    public float[] Weights(JsonElement root)
    {
        JsonElement value = Property(root, "weights", "the file");
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Error($"\"weights\" is {Abbreviated(value)}, not a list of numbers");
        }

        float[] weights = new float[value.GetArrayLength()];
        int index = 0;
        foreach (JsonElement item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number)
            {
                throw Error($"weights[{index}] is {Abbreviated(item)}, not a number");
            }

            float weight = (float)item.GetDouble();
            if (!float.IsFinite(weight))
            {
                throw Error($"weights[{index}] is {item.GetRawText()}, which is not a finite float32");
            }

            weights[index++] = weight;
        }

        return weights;
    }

    public static string Abbreviated(JsonElement value)
    {
        string text = value.GetRawText();
        return text.Length <= 40 ? text : text.Substring(0, 37) + "...";
    }

    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}

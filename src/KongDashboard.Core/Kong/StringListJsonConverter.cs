using System.Text.Json;
using System.Text.Json.Serialization;
using KongDashboard.Core.Translation;

namespace KongDashboard.Core.Kong;

/// <summary>
/// String lists (tags, hosts, paths, …) written by index rather than through a boxed enumerator, and
/// <see cref="KubernetesTagList"/> written without materializing its strings: the /config body is serialized on
/// every change.
/// </summary>
internal sealed class StringListJsonConverter : JsonConverter<IReadOnlyList<string>>
{
    public override IReadOnlyList<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("expected an array of strings");
        }

        var items = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(reader.GetString() ?? throw new JsonException("expected a string"));
        }
        return items;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        if (value is KubernetesTagList tags)
        {
            tags.WriteTo(writer);
            return;
        }
        writer.WriteStartArray();
        for (var i = 0; i < value.Count; i++)
        {
            writer.WriteStringValue(value[i]);
        }

        writer.WriteEndArray();
    }
}

using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace KongDashboard.Core.Translation;

/// <summary>
/// The generated <c>k8s-*</c> tags of one object. A cold translation tags every route, service and upstream of
/// thousands of objects, and the configuration is kept for the dashboard: so the list holds the object's name and
/// uid plus shared strings for the rest, one small object instead of six strings and an array. The name and uid tags
/// are built when read, and written straight into JSON by <see cref="Kong.StringListJsonConverter"/>.
/// </summary>
public sealed class KubernetesTagList : IReadOnlyList<string>
{
    private const string NamePrefix = "k8s-name:";
    private const string UidPrefix = "k8s-uid:";
    private const int Slots = 6;

    private readonly string? _name;
    private readonly string? _namespaceTag;
    private readonly string? _kindTag;
    private readonly string? _uid;
    private readonly string? _groupTag;
    private readonly string? _versionTag;

    /// <summary>Null or empty parts are left out, as GenerateTagsForObject does.</summary>
    internal KubernetesTagList(string? name, string? namespaceTag, string? kindTag, string? uid, string? groupTag, string? versionTag)
    {
        _name = string.IsNullOrEmpty(name) ? null : name;
        _namespaceTag = namespaceTag;
        _kindTag = kindTag;
        _uid = string.IsNullOrEmpty(uid) ? null : uid;
        _groupTag = groupTag;
        _versionTag = versionTag;
        Count = Present(_name) + Present(_namespaceTag) + Present(_kindTag) + Present(_uid) + Present(_groupTag) + Present(_versionTag);
    }

    public int Count { get; }

    public string this[int index]
    {
        get
        {
            for (var slot = 0; slot < Slots; slot++)
            {
                if (Part(slot, out var prefix, out var value) && index-- == 0)
                {
                    return prefix is null ? value : prefix + value;
                }
            }
            throw new ArgumentOutOfRangeException(nameof(index));
        }
    }

    public IEnumerator<string> GetEnumerator()
    {
        for (var slot = 0; slot < Slots; slot++)
        {
            if (Part(slot, out var prefix, out var value))
            {
                yield return prefix is null ? value : prefix + value;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Writes the tags as a JSON array without building the per-object strings.</summary>
    internal void WriteTo(Utf8JsonWriter writer)
    {
        Span<char> buffer = stackalloc char[256];
        writer.WriteStartArray();
        for (var slot = 0; slot < Slots; slot++)
        {
            if (!Part(slot, out var prefix, out var value))
            {
                continue;
            }

            if (prefix is null)
            {
                writer.WriteStringValue(value);
            }
            else if (prefix.Length + value.Length > buffer.Length)
            {
                writer.WriteStringValue(prefix + value);
            }
            else
            {
                prefix.CopyTo(buffer);
                value.CopyTo(buffer[prefix.Length..]);
                writer.WriteStringValue(buffer[..(prefix.Length + value.Length)]);
            }
        }
        writer.WriteEndArray();
    }

    private static int Present(string? part) => part is null ? 0 : 1;

    // Slots in GenerateTagsForObject's order; a null prefix means the value is a whole shared tag.
    private bool Part(int slot, out string? prefix, [NotNullWhen(true)] out string? value)
    {
        (prefix, value) = slot switch
        {
            0 => (NamePrefix, _name),
            1 => (null, _namespaceTag),
            2 => (null, _kindTag),
            3 => (UidPrefix, _uid),
            4 => (null, _groupTag),
            _ => ((string?)null, _versionTag),
        };
        return value is not null;
    }
}

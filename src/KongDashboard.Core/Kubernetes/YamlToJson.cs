using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KongDashboard.Core.Kubernetes;

/// <summary>
/// YAML → JSON as Kubernetes reads manifests (kubectl and the API server use sigs.k8s.io/yaml, which resolves plain
/// scalars with go-yaml v2's YAML 1.1 rules): quoted scalars stay strings; plain ones become null (<c>~</c>, <c>null</c>,
/// empty), booleans (<c>true/yes/y/on</c>, <c>false/no/n/off</c> in three casings), integers (decimal, <c>0x</c> hex,
/// <c>0o</c>/leading-0 octal, <c>0b</c> binary, <c>_</c> separators) or floats; mapping keys become their resolved text
/// (<c>yes:</c> is the key "true"). The one converter for manifests: the translate verb, the demo seed, tests.
/// </summary>
public static partial class YamlToJson
{
    /// <summary>Every document of <paramref name="yaml"/> whose root is a mapping, as JSON objects.</summary>
    public static IReadOnlyList<JsonObject> ParseDocuments(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Select(d => Convert(d.RootNode)).OfType<JsonObject>().ToList();
    }

    public static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => Mapping(map),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonObject Mapping(YamlMappingNode map)
    {
        var result = new JsonObject();
        foreach (var (key, value) in map.Children)
        {
            if (key is not YamlScalarNode scalarKey)
            {
                throw new YamlException(key.Start, key.End, "a mapping key must be a scalar to be a JSON object key");
            }

            result[KeyText(scalarKey)] = Convert(value);
        }

        return result;
    }

    /// <summary>sigs.k8s.io/yaml turns a non-string key into its JSON text: <c>yes</c> → "true", <c>0x10</c> → "16", <c>~</c> → "null".</summary>
    private static string KeyText(YamlScalarNode key) => Scalar(key) switch
    {
        null => "null",
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag ? "true" : "false",
        var value => value.ToJsonString(),
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any) || (scalar.Tag.IsEmpty is false && scalar.Tag.Value == "tag:yaml.org,2002:str"))
        {
            return JsonValue.Create(value);
        }

        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "y" or "Y" or "on" or "On" or "ON":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE" or "no" or "No" or "NO" or "n" or "N" or "off" or "Off" or "OFF":
                return JsonValue.Create(false);
            case ".nan" or ".NaN" or ".NAN" or ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" or "-.inf" or "-.Inf" or "-.INF":
                // go-yaml reads these as NaN/±Inf, which JSON cannot hold: kubectl fails the same way.
                throw new YamlException(scalar.Start, scalar.End, $"{value} is not a number JSON can hold (NaN or infinity); quote it for a string");
        }

        var plain = value.Replace("_", "", StringComparison.Ordinal);
        if (Integer(plain) is { } integer)
        {
            return integer;
        }

        return FloatPattern().IsMatch(plain) && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? JsonValue.Create(d)
            : JsonValue.Create(value);
    }

    /// <summary>Go's strconv.ParseInt(s, 0, 64) (then ParseUint): optional sign, 0x / 0o / 0b / leading-0 octal prefixes.</summary>
    private static JsonValue? Integer(string text)
    {
        var negative = text.StartsWith('-');
        var digits = text.StartsWith('-') || text.StartsWith('+') ? text[1..] : text;
        var (radix, body) = digits switch
        {
            ['0', 'x' or 'X', .. var rest] => (16, rest),
            ['0', 'o' or 'O', .. var rest] => (8, rest),
            ['0', 'b' or 'B', .. var rest] => (2, rest),
            ['0', _, ..] => (8, digits[1..]),
            _ => (10, digits),
        };
        if (body.Length == 0 || !body.All(c => DigitValue(c) < radix))
        {
            return null;
        }

        var magnitude = System.Numerics.BigInteger.Zero;
        foreach (var c in body)
        {
            magnitude = magnitude * radix + DigitValue(c);
        }

        var number = negative ? -magnitude : magnitude;
        if (number >= long.MinValue && number <= long.MaxValue)
        {
            return JsonValue.Create((long)number);
        }

        return !negative && number <= ulong.MaxValue ? JsonValue.Create((ulong)number) : null;
    }

    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => int.MaxValue,
    };

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}

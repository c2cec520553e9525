using System.Text.Json;
using System.Text.Json.Nodes;
using KongDashboard.Core.Kong;

namespace KongDashboard.Components.Sync;

/// <summary>Kong's free-text errors for the pages, made safe by <see cref="SecretRedactor"/> (Kong echoes entities).</summary>
public static class SecretText
{
    public static string Redact(string text) => SecretRedactor.Scrub(text);

    /// <summary>Kong's raw error body, indented when it is JSON, always redacted.</summary>
    public static string RawError(string raw)
    {
        raw = Redact(raw);
        try
        {
            var node = JsonNode.Parse(raw);
            if (node is not null)
            {
                raw = node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            }
        }
        catch (JsonException)
        {
        }

        // Again after re-encoding: unescaped text may now spell a value the escaped form hid.
        return Redact(raw);
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KongDashboard.Core.Kong;

namespace KongDashboard.Components.Sync;

/// <summary>Makes Kong's free-text errors safe to show: Kong echoes entity fields, so a PEM private key could appear.</summary>
public static partial class SecretText
{
    /// <summary>Replaces every PEM private key block, as the /debug/config/raw-error endpoint does.</summary>
    public static string Redact(string text) => PrivateKeyPem().Replace(text, KongConfigRedactor.Redacted);

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

        return Redact(raw);
    }

    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----.*?-----END [A-Z ]*PRIVATE KEY-----", RegexOptions.Singleline)]
    private static partial Regex PrivateKeyPem();
}

using System.Net;
using System.Text;
using System.Xml.Linq;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace KongDashboard.Hosting;

/// <summary>
/// ASP.NET Core Data Protection's key ring in one Kubernetes Secret, so that every replica protects and reads sign-in
/// cookies with the same keys (a user who lands on another replica stays signed in). Each key is one data entry
/// (<c>key-&lt;id&gt;.xml</c>); writes are optimistic (resourceVersion) and retried on a conflict, so replicas that
/// create their first key at the same moment both keep theirs. The Secret is the protection at rest.
/// </summary>
public sealed class SecretXmlRepository(Func<Task<IKubernetes>> client, string @namespace, string name) : IXmlRepository
{
    private const int ConflictRetries = 5;

    public IReadOnlyCollection<XElement> GetAllElements() => Run(async () =>
    {
        var secret = await ReadAsync().ConfigureAwait(false);
        return (IReadOnlyCollection<XElement>)(secret?.Data ?? new Dictionary<string, byte[]>())
            .Where(e => e.Key.EndsWith(".xml", StringComparison.Ordinal))
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => XElement.Parse(Encoding.UTF8.GetString(e.Value)))
            .ToList();
    });

    public void StoreElement(XElement element, string friendlyName) => Run(async () =>
    {
        var entry = $"key-{Sanitize(friendlyName)}.xml";
        var value = Encoding.UTF8.GetBytes(element.ToString(SaveOptions.DisableFormatting));
        var api = await client().ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var secret = await ReadAsync().ConfigureAwait(false);
                if (secret is null)
                {
                    await api.CoreV1.CreateNamespacedSecretAsync(new V1Secret
                    {
                        Metadata = new V1ObjectMeta
                        {
                            Name = name,
                            NamespaceProperty = @namespace,
                            Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "kong-dashboard" },
                        },
                        Type = "Opaque",
                        Data = new Dictionary<string, byte[]> { [entry] = value },
                    }, @namespace).ConfigureAwait(false);
                }
                else
                {
                    secret.Data ??= new Dictionary<string, byte[]>();
                    secret.Data[entry] = value;
                    await api.CoreV1.ReplaceNamespacedSecretAsync(secret, name, @namespace).ConfigureAwait(false);
                }

                return true;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict && attempt < ConflictRetries)
            {
                // Another replica wrote first (or created the Secret): read again and add this key beside theirs.
            }
        }
    });

    private async Task<V1Secret?> ReadAsync()
    {
        var api = await client().ConfigureAwait(false);
        try
        {
            return await api.CoreV1.ReadNamespacedSecretAsync(name, @namespace).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static string Sanitize(string friendlyName) =>
        new(friendlyName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray());

    // IXmlRepository is synchronous; the key ring is read rarely (start, then about once a day) and off the request
    // path's synchronization context (ASP.NET Core has none), so blocking here is what the framework expects.
    private static T Run<T>(Func<Task<T>> work) => Task.Run(work).GetAwaiter().GetResult();
}

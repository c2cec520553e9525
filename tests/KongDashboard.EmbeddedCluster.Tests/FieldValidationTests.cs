using System.Net;
using System.Text;
using KongDashboard.EmbeddedCluster.Tests.TestSupport;

namespace KongDashboard.EmbeddedCluster.Tests;

/// <summary>fieldValidation=Strict|Warn|Ignore and its default (real-systems.md B6.2); kubectl sends Strict.</summary>
public sealed class FieldValidationTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fieldvalidation-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string IngressJson(string name) => """
        {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"NAME"},
         "spec":{"foo":1,"rules":[{"host":"a.example.com","http":{"paths":[{"path":"/","pathType":"Prefix","bar":true,
           "backend":{"service":{"name":"web","port":{"number":80}}}}]}}]}}
        """.Replace("NAME", name);

    [Fact]
    public async Task Strict_is_400_Warn_is_a_Warning_header_Ignore_is_silent_and_unknown_fields_are_dropped()
    {
        var ns = fixture.NewNamespace();
        using var http = RawHttp.For(fixture.Server);
        async Task<HttpResponseMessage> Post(string name, string? directive) => await http.PostAsync(
            $"/apis/networking.k8s.io/v1/namespaces/{ns}/ingresses{(directive is null ? "" : "?fieldValidation=" + directive)}",
            new StringContent(IngressJson(name), Encoding.UTF8, "application/json"));

        var strict = await Post("strict", "Strict");
        Assert.Equal(HttpStatusCode.BadRequest, strict.StatusCode);
        Assert.Contains("Ingress in version \\\"v1\\\" cannot be handled as a Ingress: strict decoding error: unknown field \\\"spec.foo\\\", unknown field \\\"spec.rules[0].http.paths[0].bar\\\"",
            await strict.Content.ReadAsStringAsync());

        var warned = await Post("warned", null); // absent means Warn
        Assert.Equal(HttpStatusCode.Created, warned.StatusCode);
        Assert.Equal(["299 - \"unknown field \\\"spec.foo\\\"\"", "299 - \"unknown field \\\"spec.rules[0].http.paths[0].bar\\\"\""], warned.Headers.GetValues("Warning"));
        Assert.DoesNotContain("\"foo\"", await warned.Content.ReadAsStringAsync());

        var ignored = await Post("ignored", "Ignore");
        Assert.Equal(HttpStatusCode.Created, ignored.StatusCode);
        Assert.False(ignored.Headers.Contains("Warning"));

        var bad = await Post("bad", "Loud");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("CreateOptions.meta.k8s.io \\\"\\\" is invalid: fieldValidation: Unsupported value: \\\"Loud\\\": supported values: \\\"\\\", \\\"Ignore\\\", \\\"Strict\\\", \\\"Warn\\\"",
            await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Kubectl_sends_Strict_so_an_unknown_field_fails_apply()
    {
        var ns = fixture.NewNamespace();
        var kubectl = new Kubectl(fixture.Server.WriteKubeconfig(Path.Combine(_dir, "kubeconfig")), Path.Combine(_dir, "cache"));
        var file = Path.Combine(_dir, "ingress.json");
        await File.WriteAllTextAsync(file, IngressJson("typo"));
        var result = await kubectl.RunAsync("create", "-f", file, "-n", ns);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("strict decoding error: unknown field \"spec.foo\"", result.Output);
        // Positive control: with validation off kubectl sends Ignore and the object is created without the field.
        Assert.Contains("created", await kubectl.OkAsync("create", "-f", file, "-n", ns, "--validate=false"));
    }
}

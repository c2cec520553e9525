using KongDashboard.Cli;

namespace KongDashboard.Core.Tests.Translation.Cli;

/// <summary>The <c>translate</c> verb: inputs (file, folder, stdin), output formats, exit codes and error messages.</summary>
public class TranslateVerbTests
{
    private static string CaseFile(string name) => Path.Combine(GoldenCases.Folder(), name, "in.yaml");

    private static async Task<(int Code, string Out, string Err)> Run(string stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await TranslateVerb.RunAsync(args, new StringReader(stdin), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task GoldenCase_FromFile_FolderAndStdin()
    {
        var golden = File.ReadAllText(Path.Combine(GoldenCases.Folder(), "ingress-v1-rule-with-tls", "default_golden.yaml"));
        var (code, output, _) = await Run("", "translate", "-f", CaseFile("ingress-v1-rule-with-tls"));
        Assert.Equal(0, code);
        Assert.Empty(YamlTreeDiff.Diff(golden, output));

        var folder = Directory.CreateTempSubdirectory();
        File.Copy(CaseFile("ingress-v1-rule-with-tls"), Path.Combine(folder.FullName, "objects.yaml"));
        (code, output, _) = await Run("", "translate", "-f", folder.FullName);
        Assert.Equal(0, code);
        Assert.Empty(YamlTreeDiff.Diff(golden, output));

        (code, output, _) = await Run(File.ReadAllText(CaseFile("ingress-v1-rule-with-tls")), "translate", "-f", "-");
        Assert.Equal(0, code);
        Assert.Empty(YamlTreeDiff.Diff(golden, output));
    }

    [Fact]
    public async Task JsonOutput_AndFeatureGates()
    {
        var (code, output, _) = await Run("", "translate", "-f", CaseFile("ingress-v1-empty-path"), "-o", "json", "--feature-gates", "ExpressionRoutes=true");
        Assert.Equal(0, code);
        Assert.StartsWith("{\"_format_version\":\"3.0\"", output);
        Assert.Contains("\"expression\":\"(http.host == \\\"example.com\\\") && (http.path ^= \\\"/\\\")\"", output);
    }

    [Fact]
    public async Task MissingFile_InvalidYaml_UnknownKind_Exit1WithoutStackTrace()
    {
        var (code, _, err) = await Run("", "translate", "-f", "/nonexistent/x.yaml");
        Assert.Equal(1, code);
        Assert.Contains("/nonexistent/x.yaml", err);

        var bad = Path.GetTempFileName();
        File.WriteAllText(bad, "apiVersion: v1\nkind: Service\nmetadata:\n  name: [unclosed\n");
        (code, _, err) = await Run("", "translate", "-f", bad);
        Assert.Equal(1, code);
        Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(bad)}:\d+", err);
        Assert.DoesNotContain("   at ", err);

        (code, _, err) = await Run("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n", "translate", "-f", "-");
        Assert.Equal(1, code);
        Assert.Contains("<stdin>:1", err);
        Assert.Contains("unknown kind \"Widget\"", err);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public async Task Failures_GoToStderr_AndFailOnWarningsExits2()
    {
        const string yaml = """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: ing
              namespace: default
              annotations:
                kubernetes.io/ingress.class: kong
                konghq.com/plugins: missing
            spec:
              rules:
              - http:
                  paths:
                  - path: /
                    pathType: Prefix
                    backend:
                      service:
                        name: svc
                        port:
                          number: 80
            """;
        var (code, output, err) = await Run(yaml, "translate", "-f", "-");
        Assert.Equal(0, code);
        Assert.Contains("services:", output);
        Assert.Contains("Ingress default/ing: referenced KongPlugin or KongClusterPlugin \"missing\" does not exist", err);

        (code, _, _) = await Run(yaml, "translate", "-f", "-", "--fail-on-warnings");
        Assert.Equal(2, code);
    }

    [Fact]
    public async Task Help_AndBadArguments()
    {
        var (code, output, _) = await Run("", "translate", "--help");
        Assert.Equal(0, code);
        Assert.Contains("Usage: KongDashboard translate", output);
        (code, _, var err) = await Run("", "translate", "-f", "-", "--feature-gates", "Bogus=true");
        Assert.Equal(1, code);
        Assert.Contains("unknown feature gate \"Bogus\"", err);
    }

    [Fact]
    public async Task Objects_of_the_class_that_are_not_translated_are_reported_per_object()
    {
        const string yaml = """
            apiVersion: configuration.konghq.com/v1alpha1
            kind: KongLicense
            metadata:
              name: license
              annotations: {kubernetes.io/ingress.class: kong}
            rawLicenseString: "{}"
            ---
            apiVersion: configuration.konghq.com/v1alpha1
            kind: KongLicense
            metadata:
              name: other-class
              annotations: {kubernetes.io/ingress.class: other}
            ---
            apiVersion: configuration.konghq.com/v1alpha1
            kind: KongCustomEntity
            metadata: {name: degraphql, namespace: default}
            spec:
              type: degraphql_routes
              controllerName: kong
              fields: {uri: /contacts, query: "query{ contacts { name } }"}
            """;
        var (code, _, err) = await Run(yaml, "translate", "-f", "-");
        Assert.Equal(0, code);
        Assert.Contains("KongLicense license: not translated by this controller: KongLicense", err);
        // KongCustomEntity is translated; offline there is no gateway to fetch its type's schema from.
        Assert.Contains("KongCustomEntity default/degraphql: failed to fetch entity schema for entity type degraphql_routes: ", err);
        Assert.DoesNotContain("other-class:", err);

        (code, _, _) = await Run(yaml, "translate", "-f", "-", "--fail-on-warnings");
        Assert.Equal(2, code);
    }
}

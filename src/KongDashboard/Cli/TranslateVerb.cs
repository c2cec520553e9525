using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Translation;
using KongDashboard.Core.Translation.KongCrds;

namespace KongDashboard.Cli;

/// <summary>
/// <c>KongDashboard translate -f PATH [-f PATH…] [--feature-gates Name=true,…] [--ingress-class NAME] [-o yaml|json]
/// [--fail-on-warnings]</c>: prints the exact Kong <c>/config</c> body KIC would send for the given manifests.
/// </summary>
public static class TranslateVerb
{
    public const string Usage = """
        Usage: KongDashboard translate -f PATH [-f PATH ...] [options]

        Translates Kubernetes manifests (Ingress, Service, EndpointSlice, Secret, KongPlugin, ...) into the Kong
        declarative configuration that Kong Ingress Controller 3.5 would send to Kong's POST /config.

          -f, --filename PATH        YAML file, folder of *.yaml/*.yml, or - for stdin (repeatable)
              --feature-gates LIST   e.g. ExpressionRoutes=true,FillIDs=false
              --ingress-class NAME   controller ingress class (default: kong)
          -o, --output FORMAT        yaml (default, sorted keys) or json
              --fail-on-warnings     exit 2 when some objects could not be translated
          -h, --help                 show this help

        Output: the configuration on stdout; one line per translation failure and object on stderr.
        Exit codes: 0 configuration produced, 1 unreadable input or bad arguments, 2 failures with --fail-on-warnings.
        """;

    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        // Accept both "translate -f x" and "-f x".
        var list = args.Length > 0 && args[0] == "translate" ? args[1..] : args;
        var paths = new List<string>();
        string? gatesText = null, ingressClass = null, output = "yaml";
        var failOnWarnings = false;
        for (var i = 0; i < list.Length; i++)
        {
            var arg = list[i];
            string? Next()
            {
                if (i + 1 < list.Length)
                {
                    return list[++i];
                }

                stderr.WriteLine($"error: {arg} needs a value");
                return null;
            }
            switch (arg)
            {
                case "-h" or "--help":
                    await stdout.WriteLineAsync(Usage);
                    return 0;
                case "-f" or "--filename":
                    if (Next() is not { } path)
                    {
                        return 1;
                    }

                    paths.Add(path);
                    break;
                case "--feature-gates":
                    if ((gatesText = Next()) is null)
                    {
                        return 1;
                    }

                    break;
                case "--ingress-class":
                    if ((ingressClass = Next()) is null)
                    {
                        return 1;
                    }

                    break;
                case "-o" or "--output":
                    if ((output = Next()) is null)
                    {
                        return 1;
                    }

                    break;
                case "--fail-on-warnings":
                    failOnWarnings = true;
                    break;
                default:
                    if (arg.StartsWith("--feature-gates=", StringComparison.Ordinal))
                    {
                        gatesText = arg["--feature-gates=".Length..];
                    }
                    else if (arg.StartsWith("--ingress-class=", StringComparison.Ordinal))
                    {
                        ingressClass = arg["--ingress-class=".Length..];
                    }
                    else if (arg.StartsWith("--output=", StringComparison.Ordinal))
                    {
                        output = arg["--output=".Length..];
                    }
                    else if (arg.StartsWith("-f=", StringComparison.Ordinal))
                    {
                        paths.Add(arg[3..]);
                    }
                    else
                    {
                        await stderr.WriteLineAsync($"error: unknown argument \"{arg}\"\n\n{Usage}");
                        return 1;
                    }
                    break;
            }
        }
        if (paths.Count == 0)
        {
            await stderr.WriteLineAsync($"error: at least one -f PATH is required\n\n{Usage}");
            return 1;
        }
        if (output is not ("yaml" or "json"))
        {
            await stderr.WriteLineAsync($"error: -o must be yaml or json, got \"{output}\"");
            return 1;
        }

        FeatureGates gates;
        try
        {
            gates = FeatureGates.Parse(gatesText);
        }
        catch (FormatException e)
        {
            await stderr.WriteLineAsync("error: --feature-gates: " + e.Message);
            return 1;
        }

        var objects = new List<k8s.IKubernetesObject<k8s.Models.V1ObjectMeta>>();
        var warnings = new List<string>();
        var untranslated = new List<TranslationFailure>();
        try
        {
            foreach (var path in paths)
            {
                var text = path == "-" ? await stdin.ReadToEndAsync() : null;
                var loaded = text is not null ? ManifestLoader.LoadText(text, "<stdin>") : ManifestLoader.LoadPaths([path]);
                IEnumerable<string> texts = text is not null ? [text] : ManifestTexts(path);
                foreach (var document in texts)
                {
                    untranslated.AddRange(UntranslatedObjects.Scan(document, ingressClass ?? "kong"));
                }
                objects.AddRange(loaded.Objects);
                warnings.AddRange(loaded.Warnings);
            }
        }
        catch (ManifestException e)
        {
            await stderr.WriteLineAsync("error: " + e.Message);
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync("error: " + e.Message);
            return 1;
        }

        var snapshot = new ManifestLoadResult(objects, warnings).ToSnapshot(out var allWarnings);
        foreach (var warning in allWarnings)
        {
            await stderr.WriteLineAsync("warning: " + warning);
        }
        var translator = new Translator(new TranslatorOptions { FeatureGates = gates, IngressClass = ingressClass ?? "kong" });
        var result = translator.Translate(snapshot);
        await stdout.WriteAsync(output == "json"
            ? KongConfigSerializer.ToJson(result.Config) + "\n"
            : KongConfigSerializer.ToYaml(result.Config));
        foreach (var (obj, message) in result.FailureEvents().Concat(untranslated.SelectMany(f => f.CausingObjects.Select(o => (o, f.Message)))))
        {
            await stderr.WriteLineAsync($"{obj}: {message}");
        }
        return failOnWarnings && (result.HasFailures || untranslated.Count > 0) ? 2 : 0;
    }

    // The manifest texts of a file or a folder's *.yaml/*.yml files, as ManifestLoader.LoadPaths reads them.
    private static IEnumerable<string> ManifestTexts(string path) =>
        Directory.Exists(path)
            ? Directory.EnumerateFiles(path)
                .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .Select(File.ReadAllText)
            : [File.ReadAllText(path)];
}

using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace KongDashboard.Core.Kubernetes;

/// <summary>
/// Limits that keep hostile manifests from crashing or hanging the loader (and the <c>translate</c> verb): what is read
/// (regular files only, at most <see cref="MaxFileBytes"/>), how deep YAML nests, and how many nodes a document has
/// once its aliases are expanded (an alias bomb is small on disk and huge in memory). Each limit breaks with a
/// <see cref="ManifestException"/> naming the file and the reason.
/// </summary>
public static class ManifestLimits
{
    /// <summary>Per file; far beyond any real manifest set (the API server's own request limit is 3 MiB).</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    /// <summary>Nesting of mappings and sequences; JSON decoding of the objects stops at 64 anyway.</summary>
    public const int MaxDepth = 200;

    /// <summary>Nodes of one stream with every alias expanded.</summary>
    public const long MaxNodes = 5_000_000;

    /// <summary>How long opening a file may block: a FIFO (or a device) named *.yaml blocks until a writer appears.</summary>
    public static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Reads a manifest file within the limits.</summary>
    public static string ReadFile(string path)
    {
        var opening = Task.Run(() => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024));
        if (!opening.Wait(OpenTimeout))
        {
            throw new ManifestException($"{path}: not a regular file (opening it blocked: a FIFO or a device?)");
        }

        using var stream = opening.Result;
        using var reader = new StreamReader(stream);
        var buffer = new char[64 * 1024];
        var text = new System.Text.StringBuilder();
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > MaxFileBytes)
            {
                throw new ManifestException($"{path}: larger than {MaxFileBytes / (1024 * 1024)} MiB; not read");
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Walks the YAML events once, before anything recursive runs, and refuses too deep a nesting or too large an alias
    /// expansion.
    /// </summary>
    public static void Check(string text, string source)
    {
        var parser = new Parser(new StringReader(text));
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        var open = new Stack<(string? Anchor, long NodesAtStart)>();
        long nodes = 0;
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case StreamStart or StreamEnd or DocumentStart or DocumentEnd:
                        break;
                    case NodeEvent { } start and (MappingStart or SequenceStart):
                        nodes++;
                        open.Push((start.Anchor.IsEmpty ? null : start.Anchor.Value, nodes));
                        if (open.Count > MaxDepth)
                        {
                            throw new ManifestException($"{source}:{start.Start.Line}: nested deeper than {MaxDepth} levels; not read");
                        }
                        break;
                    case MappingEnd or SequenceEnd:
                        var (anchor, atStart) = open.Pop();
                        if (anchor is not null)
                        {
                            sizes[anchor] = nodes - atStart + 1;
                        }
                        break;
                    case AnchorAlias alias:
                        nodes += sizes.GetValueOrDefault(alias.Value.Value, 1);
                        break;
                    case Scalar scalar:
                        nodes++;
                        if (!scalar.Anchor.IsEmpty)
                        {
                            sizes[scalar.Anchor.Value] = 1;
                        }
                        break;
                }

                if (nodes > MaxNodes)
                {
                    throw new ManifestException($"{source}:{parser.Current?.Start.Line}: more than {MaxNodes:N0} nodes once aliases are expanded (an alias bomb?); not read");
                }
            }
        }
        catch (YamlException)
        {
            // Invalid YAML: the loader reports it with its position.
        }
    }
}

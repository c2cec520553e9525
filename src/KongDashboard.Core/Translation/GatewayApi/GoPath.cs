namespace KongDashboard.Core.Translation.GatewayApi;

/// <summary>Go's <c>path.Join</c> and <c>path.Clean</c> (slash-separated paths), used for redirect locations.</summary>
internal static class GoPath
{
    public static string Join(params string[] parts)
    {
        var nonEmpty = parts.Where(p => p.Length > 0).ToList();
        return nonEmpty.Count == 0 ? "" : Clean(string.Join('/', nonEmpty));
    }

    public static string Clean(string path)
    {
        if (path.Length == 0)
        {
            return ".";
        }

        var rooted = path[0] == '/';
        var output = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (output.Count > 0 && output[^1] != "..")
                {
                    output.RemoveAt(output.Count - 1);
                }
                else if (!rooted)
                {
                    output.Add("..");
                }

                continue;
            }
            output.Add(part);
        }
        var joined = string.Join('/', output);
        return rooted ? "/" + joined : joined.Length == 0 ? "." : joined;
    }
}

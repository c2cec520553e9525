using DiffPlex;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace KongDashboard.Components.Sync;

public enum DiffLineKind
{
    Context,
    Added,
    Removed,

    /// <summary>A run of unchanged lines left out; <see cref="DiffLine.Text"/> says how many.</summary>
    Gap,
}

public sealed record DiffLine(DiffLineKind Kind, string Text, int? OldNumber, int? NewNumber);

/// <summary>A unified-style line diff (DiffPlex) with unchanged runs folded to a few lines of context.</summary>
public sealed record YamlDiff(IReadOnlyList<DiffLine> Lines, int Added, int Removed)
{
    public bool IsEmpty => Added == 0 && Removed == 0;

    public static YamlDiff Compute(string oldText, string newText, int context = 3)
    {
        // Indentation is structure in YAML: whitespace changes are real changes.
        var model = new InlineDiffBuilder(Differ.Instance).BuildDiffModel(oldText, newText, ignoreWhitespace: false);
        var all = new List<DiffLine>(model.Lines.Count);
        int oldNo = 0, newNo = 0, added = 0, removed = 0;
        foreach (var piece in model.Lines)
        {
            switch (piece.Type)
            {
                case ChangeType.Inserted:
                    all.Add(new DiffLine(DiffLineKind.Added, piece.Text ?? "", null, ++newNo));
                    added++;
                    break;
                case ChangeType.Deleted:
                    all.Add(new DiffLine(DiffLineKind.Removed, piece.Text ?? "", ++oldNo, null));
                    removed++;
                    break;
                default:
                    all.Add(new DiffLine(DiffLineKind.Context, piece.Text ?? "", ++oldNo, ++newNo));
                    break;
            }
        }

        return new YamlDiff(Fold(all, context), added, removed);
    }

    private static List<DiffLine> Fold(List<DiffLine> all, int context)
    {
        // Keep context lines within `context` of a change; fold the rest into gaps.
        var keep = new bool[all.Count];
        for (var i = 0; i < all.Count; i++)
        {
            if (all[i].Kind == DiffLineKind.Context)
            {
                continue;
            }

            for (var j = Math.Max(0, i - context); j <= Math.Min(all.Count - 1, i + context); j++)
            {
                keep[j] = true;
            }
        }

        var folded = new List<DiffLine>();
        for (var i = 0; i < all.Count;)
        {
            if (keep[i])
            {
                folded.Add(all[i++]);
                continue;
            }

            var start = i;
            while (i < all.Count && !keep[i])
            {
                i++;
            }

            var count = i - start;
            folded.Add(new DiffLine(DiffLineKind.Gap, count == 1 ? "1 unchanged line" : $"{count} unchanged lines", null, null));
        }

        return folded;
    }
}

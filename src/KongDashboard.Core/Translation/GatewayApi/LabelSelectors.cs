using k8s.Models;

namespace KongDashboard.Core.Translation.GatewayApi;

/// <summary>Kubernetes label selector matching (matchLabels and matchExpressions).</summary>
internal static class LabelSelectors
{
    /// <summary>A null selector matches nothing; an empty one everything (metav1.LabelSelectorAsSelector).</summary>
    public static bool Matches(V1LabelSelector? selector, IDictionary<string, string>? labels)
    {
        if (selector is null)
        {
            return false;
        }
        labels ??= new Dictionary<string, string>();
        foreach (var (key, value) in selector.MatchLabels ?? new Dictionary<string, string>())
        {
            if (!labels.TryGetValue(key, out var own) || own != value)
            {
                return false;
            }
        }
        foreach (var expression in selector.MatchExpressions ?? [])
        {
            var has = labels.TryGetValue(expression.Key, out var own);
            var values = expression.Values ?? [];
            var ok = expression.OperatorProperty switch
            {
                "In" => has && values.Contains(own!),
                "NotIn" => !has || !values.Contains(own!),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }
}

using k8s.Models;
using KongDashboard.Core.Cluster;

namespace KongDashboard.Core.Tests.Translation;

public class KindSetChangeTests
{
    private static V1Service Svc(string name) => SyntheticCluster.Service("ns", name);

    [Fact]
    public void ChangedKeys_CoverEditsOnBothSidesOfTheCommonAncestor()
    {
        var root = KindSet<V1Service>.From([Svc("a"), Svc("b"), Svc("c")]);
        var left = root.Set(Svc("a")).Remove(new ObjectKey("ns", "b"));
        var right = root.Set(Svc("d"));

        Assert.Empty(left.ChangedKeysSince(left)!);
        Assert.Equal([new ObjectKey("ns", "a"), new ObjectKey("ns", "b")], left.ChangedKeysSince(root)!.Order());
        Assert.Equal([new ObjectKey("ns", "a"), new ObjectKey("ns", "b")], root.ChangedKeysSince(left)!.Order());
        Assert.Equal([new ObjectKey("ns", "a"), new ObjectKey("ns", "b"), new ObjectKey("ns", "d")], left.ChangedKeysSince(right)!.Order());
    }

    [Fact]
    public void ChangedKeys_UnknownAcrossUnrelatedSets()
    {
        var a = KindSet<V1Service>.From([Svc("a")]);
        var b = KindSet<V1Service>.From([Svc("a")]);
        Assert.Null(a.ChangedKeysSince(b));
        Assert.Null(a.Set(Svc("x")).ChangedKeysSince(b.Set(Svc("x"))));
    }

    [Fact]
    public void ChangedKeys_UnknownOnceTheLogRestarts()
    {
        var start = KindSet<V1Service>.From([Svc("a")]);
        var set = start;
        for (var i = 0; i < 5000; i++)
        {
            set = set.Set(Svc("a"));
        }

        Assert.Null(set.ChangedKeysSince(start));
        Assert.Equal([new ObjectKey("ns", "a")], set.Set(Svc("a")).ChangedKeysSince(set)!);
    }
}

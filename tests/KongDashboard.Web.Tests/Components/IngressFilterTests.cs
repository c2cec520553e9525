using KongDashboard.Components.Pages;
using KongDashboard.Core.Status;
using static KongDashboard.Web.Tests.Components.TestStates;

namespace KongDashboard.Web.Tests.Components;

public sealed class IngressFilterTests
{
    [Theory]
    [InlineData("ECHO.example", true)]
    [InlineData("echo-svc", true)]
    [InlineData("/api", true)]
    [InlineData("nope", false)]
    public void Text_matches_any_column_case_insensitively(string text, bool matches) =>
        Assert.Equal(matches, new IngressFilter(text, null, null).Matches(Ingress("default", "echo"), null));

    [Fact]
    public void Namespace_and_status_must_both_match()
    {
        var echo = Ingress("default", "echo");
        var applied = new ObjectStatus(new StatusKey("Ingress", "default", "echo"), ObjectState.Applied, "served", [], 2, 2);
        var rejected = applied with { State = ObjectState.RejectedByKong };

        Assert.True(new IngressFilter(null, "default", "Applied").Matches(echo, applied));
        Assert.False(new IngressFilter(null, "default", "Failed").Matches(echo, applied));
        // "Failed" is every problem: a Kong rejection as much as a translation failure.
        Assert.True(new IngressFilter(null, "default", "Failed").Matches(echo, rejected));
        Assert.True(new IngressFilter(null, "default", "RejectedByKong").Matches(echo, rejected));
        Assert.False(new IngressFilter(null, "other", "Failed").Matches(echo, rejected));
    }
}

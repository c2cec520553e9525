using KongDashboard.Components.Pages;
using KongDashboard.Core.Controller;
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
        Assert.Equal(matches, new IngressFilter(text, null, null).Matches(Ingress("default", "echo")));

    [Fact]
    public void Namespace_and_status_must_both_match() =>
        Assert.False(new IngressFilter(null, "default", IngressStatus.Failed).Matches(Ingress("default", "echo")));
}

using System.Diagnostics;
using System.Text.Json.Nodes;
using KongDashboard.Components.Search;
using KongDashboard.Core.Kong;
using Xunit.Abstractions;

namespace KongDashboard.Web.Tests.Components.Search;

/// <summary>The global search's index (built from the published state) and its ranking: exact &gt; prefix &gt; substring.</summary>
public sealed class SearchMatcherTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("shop", "shop", 0)]
    [InlineData("shop", "shopfront", 1)]
    [InlineData("shop", "myshop", 2)]
    [InlineData("shop", "sho", null)]
    [InlineData("shop", "store", null)]
    public void Rank_is_exact_then_prefix_then_substring(string query, string key, int? expected) =>
        Assert.Equal(expected, SearchMatcher.Rank(query, key));

    [Fact]
    public void Results_rank_an_exact_name_above_a_prefix_above_a_substring_whatever_the_index_order()
    {
        var state = TestStates.State(TestStates.Demo, 1,
            TestStates.Ingress("shop", "my-cart"),
            TestStates.Ingress("shop", "cart-api"),
            TestStates.Ingress("shop", "cart"));

        var routing = Group(SearchMatcher.Search(SearchIndex.Build(state), "CART"), SearchGroup.Routing);

        Assert.Equal(["cart", "cart-api", "my-cart"], routing.Entries.Select(e => e.Title));
        Assert.Equal("translation?selected=shop%2Fcart", routing.Entries[0].Href);
    }

    [Fact]
    public void Each_group_is_capped_and_says_how_many_matched()
    {
        var state = TestStates.State(TestStates.Demo, 1, [.. Enumerable.Range(0, 12).Select(i => TestStates.Ingress("shop", $"store-{i:D2}"))]);

        var routing = Group(SearchMatcher.Search(SearchIndex.Build(state), "store", perGroup: 5), SearchGroup.Routing);

        Assert.Equal(5, routing.Entries.Count);
        Assert.Equal(12, routing.Total);
    }

    [Fact]
    public void An_empty_query_lists_the_pages_including_logs_and_no_objects()
    {
        var state = TestStates.State(TestStates.Demo, 1, TestStates.Ingress("shop", "storefront"));

        var results = SearchMatcher.Search(SearchIndex.Build(state), "  ");

        var pages = Assert.Single(results);
        Assert.Equal(SearchGroup.Pages, pages.Group);
        Assert.Contains(pages.Entries, e => e.Title == "Logs" && e.Href == "logs");
        // Positive control: the Ingress is in the index, found once there is a query.
        Assert.Contains(Group(SearchMatcher.Search(SearchIndex.Build(state), "storefront"), SearchGroup.Routing).Entries, e => e.Title == "storefront");
    }

    [Fact]
    public void Kong_entities_and_services_link_to_their_pages_and_no_credential_value_is_indexed()
    {
        const string key = "s3cr3t-key-value-7f1c";
        var config = new KongConfig
        {
            Services = [new KongService { Name = "shop.storefront.80", Host = "storefront.shop.svc", Port = 80, Routes = [new KongRoute { Name = "shop.storefront.00" }] }],
            Consumers = [new KongConsumerEntity { Username = "alice-search", KeyauthCredentials = [new JsonObject { ["key"] = key }] }],
        };
        var baseState = TestStates.State(TestStates.Demo, 1, TestStates.Ingress("shop", "storefront"));
        var state = baseState with { Translation = baseState.Translation with { Config = config } };
        var index = SearchIndex.Build(state);

        Assert.Equal("kong/services?q=shop.storefront.80", Group(SearchMatcher.Search(index, "storefront.80"), SearchGroup.KongServices).Entries[0].Href);
        Assert.Equal("kong/routes?q=shop.storefront.00", Group(SearchMatcher.Search(index, "storefront.00"), SearchGroup.KongRoutes).Entries[0].Href);
        var service = Group(SearchMatcher.Search(index, "storefront-svc"), SearchGroup.Services).Entries[0];
        Assert.Equal("translation?q=storefront-svc&ns=shop", service.Href);

        // Positive control: the consumer is found; its key is in the configuration but nowhere in the index.
        Assert.Equal("kong/consumers?q=alice-search", Group(SearchMatcher.Search(index, "alice"), SearchGroup.KongConsumers).Entries[0].Href);
        Assert.Contains(key, config.Consumers[0].KeyauthCredentials![0].ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(SearchMatcher.Search(index, key));
        Assert.DoesNotContain(index.Entries, e => string.Join("|", [e.Title, e.Detail, e.Href, .. e.Keys]).Contains(key, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("storefront:80", "shop", "storefront")]
    [InlineData("other/storefront:http (weight 20)", "other", "storefront")]
    [InlineData("storefront", "shop", "storefront")]
    public void A_backend_text_names_its_service(string backend, string ns, string name) =>
        Assert.Equal((ns, name), SearchIndex.ServiceOf("shop", backend));

    [Theory]
    [InlineData("KongServiceFacade/facade:80")]
    [InlineData("other/KongServiceFacade/facade")]
    [InlineData(":80")]
    public void A_backend_of_another_kind_is_not_a_service(string backend) =>
        Assert.Null(SearchIndex.ServiceOf("shop", backend));

    [Fact]
    public void The_index_is_built_once_per_state_and_finds_one_of_ten_thousand_ingresses_keystroke_by_keystroke()
    {
        var state = TestStates.State(TestStates.Demo, 1, [.. Enumerable.Range(0, 10_000).Select(i => TestStates.Ingress($"ns-{i % 50}", $"app-{i:D5}"))]);
        var build = Stopwatch.StartNew();
        var index = SearchIndex.For(state);
        build.Stop();
        Assert.Same(index, SearchIndex.For(state));

        // A query per keystroke of a name, then a broad one that matches everything.
        var queries = new[] { "a", "ap", "app", "app-", "app-0", "app-04", "app-042", "app-0421", "app-04217" };
        var search = Stopwatch.StartNew();
        IReadOnlyList<SearchGroupResult> last = [];
        foreach (var query in queries)
        {
            last = SearchMatcher.Search(index, query);
        }

        search.Stop();
        var perKeystroke = search.Elapsed / queries.Length;
        output.WriteLine($"10,000 Ingresses: index {build.ElapsedMilliseconds} ms, {perKeystroke.TotalMilliseconds:F1} ms per keystroke");
        Assert.Equal("app-04217", Group(last, SearchGroup.Routing).Entries[0].Title);
        // The time is reported, not asserted: speed targets live in measurement commands, not in unit tests.
    }

    private static SearchGroupResult Group(IReadOnlyList<SearchGroupResult> results, SearchGroup group) =>
        Assert.Single(results, r => r.Group == group);
}

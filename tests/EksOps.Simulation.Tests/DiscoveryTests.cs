using System.Text.Json.Nodes;

namespace EksOps.Simulation.Tests;

/// <summary>Authentication and discovery over raw HTTP, compared with what a real API server answers.</summary>
public sealed class DiscoveryTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Unauthorized =
        """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}""";

    [Fact]
    public async Task A_request_without_a_token_gets_the_servers_401_status_byte_for_byte()
    {
        using var anonymous = TestClients.Http(fixture.Server, token: null);

        var (status, body, contentType) = await anonymous.SendAsync(HttpMethod.Get, "/api/v1/pods");

        Assert.Equal(401, status);
        Assert.Equal(Unauthorized + "\n", body);
        Assert.Equal("application/json", contentType);
    }

    [Fact]
    public async Task A_request_with_a_wrong_token_gets_401_even_for_version()
    {
        using var wrong = TestClients.Http(fixture.Server, fixture.Server.Token + "x");

        var (status, body, _) = await wrong.SendAsync(HttpMethod.Get, "/version");

        Assert.Equal(401, status);
        Assert.Equal(Unauthorized, body.TrimEnd('\n'));
    }

    [Fact]
    public async Task Version_reports_an_eks_1_32_server()
    {
        var (status, version) = await fixture.Http.GetJsonAsync("/version");

        Assert.Equal(200, status);
        Assert.Equal(("1", "32", "v1.32.9-eks-113cf36"), (version.Str("major"), version.Str("minor"), version.Str("gitVersion")));
    }

    [Fact]
    public async Task The_core_resource_list_describes_pods_with_short_names_categories_and_subresources()
    {
        var (_, list) = await fixture.Http.GetJsonAsync("/api/v1");
        var resources = list.Items("resources").ToDictionary(r => r.Str("name")!);

        Assert.Equal(("APIResourceList", "v1"), (list.Str("kind"), list.Str("groupVersion")));
        var pods = resources["pods"];
        Assert.Equal(("pod", true, "Pod"), (pods.Str("singularName"), pods.Bool("namespaced"), pods.Str("kind")));
        Assert.Equal(["po"], pods.Strings("shortNames"));
        Assert.Equal(["all"], pods.Strings("categories"));
        Assert.Equal(["get"], resources["pods/log"].Strings("verbs"));
        Assert.Equal(("policy", "v1", "Eviction"), (resources["pods/eviction"].Str("group"), resources["pods/eviction"].Str("version"), resources["pods/eviction"].Str("kind")));
        Assert.Equal(["svc", "no", "ev", "ns", "cm", "pvc", "quota", "ep"],
            new[] { "services", "nodes", "events", "namespaces", "configmaps", "persistentvolumeclaims", "resourcequotas", "endpoints" }
                .Select(r => resources[r].Str("shortNames", "0")));
        Assert.False(resources["nodes"].Bool("namespaced"));
    }

    [Fact]
    public async Task The_apps_resource_list_offers_the_scale_subresource_as_autoscaling_v1_Scale()
    {
        var (_, list) = await fixture.Http.GetJsonAsync("/apis/apps/v1");
        var scale = list.Items("resources").Single(r => r.Str("name") == "deployments/scale");

        Assert.Equal("v1", list.Str("apiVersion"));
        Assert.Equal(("autoscaling", "v1", "Scale"), (scale.Str("group"), scale.Str("version"), scale.Str("kind")));
        Assert.Equal(["deploy"], list.Items("resources").Single(r => r.Str("name") == "deployments").Strings("shortNames"));
    }

    [Fact]
    public async Task The_group_list_includes_the_built_in_groups_and_the_custom_resource_group()
    {
        var (_, groups) = await fixture.Http.GetJsonAsync("/apis");
        var names = groups.Items("groups").Select(g => g.Str("name")).ToList();

        Assert.Equal("APIGroupList", groups.Str("kind"));
        Assert.Superset(
            new HashSet<string?> { "apps", "batch", "autoscaling", "events.k8s.io", "discovery.k8s.io", "storage.k8s.io", "policy", "elbv2.k8s.aws" },
            names.ToHashSet());
        var autoscaling = groups.Items("groups").Single(g => g.Str("name") == "autoscaling");
        Assert.Equal("autoscaling/v2", autoscaling.Str("preferredVersion", "groupVersion"));
        Assert.Equal(["autoscaling/v2", "autoscaling/v1"], autoscaling.Items("versions").Select(v => v.Str("groupVersion")));
    }

    [Fact]
    public async Task A_custom_resource_group_is_discoverable_with_a_plural_derived_from_its_kind()
    {
        var (groupStatus, group) = await fixture.Http.GetJsonAsync("/apis/elbv2.k8s.aws");
        var (_, list) = await fixture.Http.GetJsonAsync("/apis/elbv2.k8s.aws/v1beta1");

        Assert.Equal(200, groupStatus);
        Assert.Equal(("APIGroup", "elbv2.k8s.aws/v1beta1"), (group.Str("kind"), group.Str("preferredVersion", "groupVersion")));
        var binding = Assert.Single(list.Items("resources"));
        Assert.Equal(("targetgroupbindings", "targetgroupbinding", true, "TargetGroupBinding"),
            (binding.Str("name"), binding.Str("singularName"), binding.Bool("namespaced"), binding.Str("kind")));
    }

    [Fact]
    public async Task Aggregated_discovery_answers_in_the_apidiscovery_v2_shape_when_asked()
    {
        const string Accept = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";
        using var request = new HttpRequestMessage(HttpMethod.Get, "/apis");
        request.Headers.TryAddWithoutValidation("Accept", Accept);

        using var response = await fixture.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var contentType = response.Content.Headers.NonValidated["Content-Type"].ToString();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;

        Assert.Equal("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", contentType);
        Assert.Equal(("APIGroupDiscoveryList", "apidiscovery.k8s.io/v2"), (body.Str("kind"), body.Str("apiVersion")));
        var apps = body.Items("items").Single(i => i.Str("metadata", "name") == "apps");
        var deployments = apps.Items("versions", "0", "resources").Single(r => r.Str("resource") == "deployments");
        Assert.Equal(("Namespaced", "deployment", "Deployment"), (deployments.Str("scope"), deployments.Str("singularResource"), deployments.Str("responseKind", "kind")));
        var scale = deployments.Items("subresources").Single(s => s.Str("subresource") == "scale");
        Assert.Equal(("autoscaling", "v1", "Scale"), (scale.Str("responseKind", "group"), scale.Str("responseKind", "version"), scale.Str("responseKind", "kind")));
        Assert.Contains(body.Items("items"), i => i.Str("metadata", "name") == "elbv2.k8s.aws");
    }

    [Fact]
    public async Task An_unknown_group_gets_the_plain_404_page_and_an_unknown_resource_a_404_status()
    {
        var (groupStatus, groupBody, _) = await fixture.Http.SendAsync(HttpMethod.Get, "/apis/example.com/v1/widgets");
        var (resourceStatus, resource) = await fixture.Http.GetJsonAsync("/api/v1/widgets");

        Assert.Equal((404, "404 page not found\n"), (groupStatus, groupBody));
        Assert.Equal(404, resourceStatus);
        Assert.Equal(("NotFound", "the server could not find the requested resource"), (resource.Str("reason"), resource.Str("message")));
    }
}

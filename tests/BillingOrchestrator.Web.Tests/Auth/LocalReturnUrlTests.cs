using BillingOrchestrator.Web.Auth;

namespace BillingOrchestrator.Web.Tests.Auth;

public sealed class LocalReturnUrlTests
{
    [Theory]
    [InlineData("/tasks", "/tasks")]
    [InlineData("/dashboards/leakage?week=2026-W43", "/dashboards/leakage?week=2026-W43")]
    [InlineData("/é", "/%C3%A9")]
    [InlineData("/a b\u0001", "/a%20b%01")]
    public void LocalPath_IsKept_Escaped(string returnUrl, string expected) =>
        LocalReturnUrl.Resolve(returnUrl).ShouldBe(expected);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("tasks")]
    [InlineData("javascript:alert(1)")]
    public void AnythingButALocalPath_GoesHome(string? returnUrl) =>
        LocalReturnUrl.Resolve(returnUrl).ShouldBe("/");
}

using Microsoft.Extensions.Configuration.Json;

namespace BillingOrchestrator.Web;

public static class ProductConfiguration
{
    /// <summary>
    /// The repository's root <c>appsettings.json</c> (copied beside the host) is the base layer, under the content-root
    /// files, environment variables and the command line.
    /// </summary>
    public static WebApplicationBuilder AddProductConfiguration(this WebApplicationBuilder builder)
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        var contentRootFile = Path.Combine(builder.Environment.ContentRootPath, "appsettings.json");
        if (File.Exists(shipped) && !string.Equals(Path.GetFullPath(shipped), Path.GetFullPath(contentRootFile), StringComparison.Ordinal))
        {
            var source = new JsonConfigurationSource { Path = shipped, Optional = false, ReloadOnChange = false };
            source.ResolveFileProvider();
            builder.Configuration.Sources.Insert(0, source);
        }

        return builder;
    }
}

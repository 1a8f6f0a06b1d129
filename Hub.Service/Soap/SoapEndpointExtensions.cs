using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hub.Service.Soap;

/// <summary>
/// Registration (<see cref="AddSoapEndpoint"/>) and routing (<see cref="MapSoapEndpoint"/>, <see cref="MapSoapSchemas"/>)
/// of SOAP endpoints. Several endpoints may live in one application, each under its own name.
/// </summary>
public static class SoapEndpointExtensions
{
    public static IServiceCollection AddSoapEndpoint(this IServiceCollection services, string name, Action<SoapEndpointOptions> configure)
    {
        var configured = new SoapEndpointOptions();
        configure(configured);
        foreach (var handler in configured.Registrations.Select(r => r.HandlerType).OfType<Type>().Distinct())
            services.TryAddScoped(handler);
        services.AddKeyedSingleton(name, (sp, _) => SoapEndpoint.Create(configured, sp.GetRequiredService<ILogger<SoapEndpoint>>()));
        return services;
    }

    /// <summary>
    /// POST <paramref name="path"/>: SOAP requests to the endpoint registered as <paramref name="name"/>; GET
    /// <paramref name="path"/>?wsdl: its WSDL. Builds the operation table and serializers now, so a bad registration
    /// fails at startup.
    /// </summary>
    public static IEndpointRouteBuilder MapSoapEndpoint(this IEndpointRouteBuilder endpoints, string name, string path, string wsdlFile)
    {
        var soap = endpoints.ServiceProvider.GetRequiredKeyedService<SoapEndpoint>(name);
        var wsdl = new WsdlDocument(wsdlFile);

        endpoints.MapPost(path, soap.HandleAsync);
        endpoints.MapGet(path, async http =>
        {
            if (!http.Request.Query.ContainsKey("wsdl") && !http.Request.Query.ContainsKey("WSDL"))
            {
                http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                await http.Response.WriteAsync($"POST SOAP requests here; the WSDL is at {path}?wsdl\n");
                return;
            }
            http.Response.ContentType = "text/xml; charset=utf-8";
            await http.Response.WriteAsync(wsdl.WsdlFor(http.Request));
        });
        return endpoints;
    }

    /// <summary>GET <paramref name="path"/>/NAME.xsd: the schemas of one folder, which the WSDLs import.</summary>
    public static IEndpointRouteBuilder MapSoapSchemas(this IEndpointRouteBuilder endpoints, string schemasDirectory, string path = "/schemas")
    {
        var schemas = new SchemaFolder(schemasDirectory);
        endpoints.MapGet(path.TrimEnd('/') + "/{file}", async (HttpContext http, string file) =>
        {
            if (schemas.Schema(file) is not { } bytes)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            http.Response.ContentType = "text/xml; charset=utf-8";
            await http.Response.Body.WriteAsync(bytes);
        });
        return endpoints;
    }
}

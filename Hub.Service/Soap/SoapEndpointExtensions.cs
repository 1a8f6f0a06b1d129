using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hub.Service.Soap;

/// <summary>Registration (<see cref="AddSoapEndpoint"/>) and routing (<see cref="MapSoapEndpoint"/>) of one SOAP endpoint.</summary>
public static class SoapEndpointExtensions
{
    public static IServiceCollection AddSoapEndpoint(this IServiceCollection services, Action<SoapEndpointOptions> configure)
    {
        var configured = new SoapEndpointOptions();
        configure(configured);
        services.AddSingleton(Options.Create(configured));
        foreach (var handler in configured.Registrations.Select(r => r.HandlerType).OfType<Type>().Distinct())
            services.TryAddScoped(handler);
        services.AddSingleton(sp => new OperationTable(sp.GetRequiredService<IOptions<SoapEndpointOptions>>().Value));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SoapEndpointOptions>>().Value;
            var types = sp.GetRequiredService<OperationTable>().BodyTypes.ToList();
            if (options.FaultDetailFactory?.Invoke("") is { } detail) types.Add(detail.GetType());
            return new SoapBodySerializer(types, options.ResponsePrefixes);
        });
        services.AddSingleton(sp => new SoapEnvelopeReader(sp.GetRequiredService<IOptions<SoapEndpointOptions>>().Value));
        services.AddSingleton<SoapEnvelopeWriter>();
        services.AddSingleton<SoapEndpoint>();
        return services;
    }

    /// <summary>
    /// POST <paramref name="path"/>: SOAP requests; GET <paramref name="path"/>?wsdl: the WSDL; GET
    /// <paramref name="schemasPath"/>/NAME.xsd: the schemas it imports. Builds the operation table and serializers now,
    /// so a bad registration fails at startup.
    /// </summary>
    public static IEndpointRouteBuilder MapSoapEndpoint(
        this IEndpointRouteBuilder endpoints, string path, string wsdlFile, string schemasDirectory, string schemasPath = "/schemas")
    {
        var services = endpoints.ServiceProvider;
        var soap = services.GetRequiredService<SoapEndpoint>();
        services.GetRequiredService<SoapBodySerializer>();
        var documents = new ContractDocuments(wsdlFile, schemasDirectory);

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
            await http.Response.WriteAsync(documents.WsdlFor(http.Request));
        });
        endpoints.MapGet(schemasPath.TrimEnd('/') + "/{file}", async (HttpContext http, string file) =>
        {
            if (documents.Schema(file) is not { } bytes)
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

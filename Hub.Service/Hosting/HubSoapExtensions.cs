using System.Xml;
using Hub.Contracts;
using Hub.Contracts.Faults;
using Hub.Contracts.Messages;
using Hub.Contracts.Verification;
using Hub.Service.Security;
using Hub.Data;
using Hub.Service.Delivery;
using Hub.Service.Identity;
using Hub.Service.Operations;
using Hub.Service.Soap;

namespace Hub.Service.Hosting;

/// <summary>The IPPC DeliveryService on the SOAP layer: its operations, its fault detail, its error mapping.</summary>
public static class HubSoapExtensions
{
    public const string ServicePath = "/hub/DeliveryService";
    public const string DeliveryEndpoint = "DeliveryService";
    public const string VerificationPath = "/hub/VerificationService";
    public const string VerificationEndpoint = "VerificationService";
    public const string SoapSection = "Hub:Soap";

    public static IServiceCollection AddHubSoap(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<CallerIdentity>();
        services.AddSingleton<EnvelopeDelivery>();
        services.AddSingleton<EnvelopeLifecycle>();
        services.AddOptions<SignatureOptions>().Bind(configuration.GetSection(SignatureOptions.Section))
            .Validate(o => SignaturePolicies.All.Contains(o.DefaultPolicy), $"Hub:Signatures:DefaultPolicy must be one of: {string.Join(", ", SignaturePolicies.All)}.")
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ISignatureCryptography>(sp =>
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<SignatureOptions>>().Value.UseReferenceImplementation
                ? new ReferenceSignatureCryptography()
                : new FastSignatureCryptography());
        services.AddSingleton<EnvelopeSignatureVerifier>();
        services.AddSingleton<SigningCertificates>();
        services.AddSingleton<SignatureGate>();

        services.AddSoapEndpoint(DeliveryEndpoint, soap =>
        {
            ConfigureCommon(soap, configuration);
            soap.FaultDetailFactory = message => new HubWebException { Message = message };
            soap.ResponsePrefixes[HubNamespaces.Service] = "ns2";
            soap.ResponsePrefixes[HubNamespaces.Entities] = "ns3";

            Map<DeliverEnvelopeRequest, DeliverEnvelopeResponse, DeliverEnvelopeHandler>(soap);
            Map<ValidateAndDeliverEnvelopeRequest, ValidateAndDeliverEnvelopeResponse, ValidateAndDeliverEnvelopeHandler>(soap);
            Map<GetEnvelopeTrackingInfoRequest, GetEnvelopeTrackingInfoResponse, GetEnvelopeTrackingInfoHandler>(soap);
            Map<GetUnderDeliveryEnvelopeRequest, GetUnderDeliveryEnvelopeResponse, GetUnderDeliveryEnvelopeHandler>(soap);
            Map<GetImportEnvelopeHeadersRequest, GetImportEnvelopeHeadersResponse, GetImportEnvelopeHeadersHandler>(soap);
            Map<PullSingleImportEnvelopeRequest, PullSingleImportEnvelopeResponse, PullSingleImportEnvelopeHandler>(soap);
            Map<PullImportEnvelopeRequest, PullImportEnvelopeResponse, PullImportEnvelopeHandler>(soap);
            Map<AcknowledgeEnvelopeReceiptRequest, AcknowledgeEnvelopeReceiptResponse, AcknowledgeEnvelopeReceiptHandler>(soap);
            Map<AdvancedAcknowledgeEnvelopeReceiptRequest, AdvancedAcknowledgeEnvelopeReceiptResponse, AdvancedAcknowledgeEnvelopeReceiptHandler>(soap);
            Map<AcknowledgeFailedEnvelopeReceiptRequest, AcknowledgeFailedEnvelopeReceiptResponse, AcknowledgeFailedEnvelopeReceiptHandler>(soap);
            Map<GetActiveNpposRequest, GetActiveNpposResponse, GetActiveNpposHandler>(soap);
            Map<GetProfileRequest, GetProfileResponse, GetProfileHandler>(soap);
            Map<GetAvailableChannelsRequest, GetAvailableChannelsResponse, GetAvailableChannelsHandler>(soap);

            var mapped = soap.Registrations.Select(r => r.Name).ToHashSet();
            foreach (var operation in HubOperations.All.Where(o => !mapped.Contains(o)))
                soap.MapUnavailable(operation, new XmlQualifiedName(operation, HubNamespaces.Service), HubOperations.ActionsOf(operation));
        });
        services.AddSoapEndpoint(VerificationEndpoint, soap =>
        {
            ConfigureCommon(soap, configuration);
            soap.FaultDetailFactory = message => new VerificationFault { Message = message };
            soap.ResponsePrefixes[VerificationContract.Namespace] = "v";
            soap.Map<GetVerificationResultRequest, GetVerificationResultResponse, GetVerificationResultHandler>(VerificationContract.Action);
        });
        return services;
    }

    /// <summary>What both services share: limits, the caller admitted before its body is read, the error mapping.</summary>
    private static void ConfigureCommon(SoapEndpointOptions soap, IConfiguration configuration)
    {
        configuration.GetSection(SoapSection).Bind(soap);
        // The caller is identified before its body is read: an unregistered certificate costs no buffering.
        soap.AdmitCaller = (http, ct) => http.RequestServices.GetRequiredService<CallerIdentity>().ResolveAsync(http, ct);
        soap.ExceptionMappers.Add(e => e switch
        {
            HubException => new SoapFault(SoapFaultCode.Sender, e.Message),
            StoreUnavailableException => new SoapFault(SoapFaultCode.Receiver, "The hub's store is unavailable; try again later."),
            _ => null,
        });
    }

    public static IEndpointRouteBuilder MapHubEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var root = AppContext.BaseDirectory;
        endpoints.MapSoapEndpoint(DeliveryEndpoint, ServicePath, Path.Combine(root, "wsdl", "DeliveryService.wsdl"));
        endpoints.MapSoapEndpoint(VerificationEndpoint, VerificationPath, Path.Combine(root, "wsdl", "VerificationService.wsdl"));
        endpoints.MapSoapSchemas(Path.Combine(root, "schemas"));
        endpoints.MapGet("/health", () => Results.Text("ok"));
        return endpoints;
    }

    private static void Map<TRequest, TResponse, THandler>(SoapEndpointOptions soap)
        where TRequest : class
        where TResponse : class
        where THandler : class, ISoapOperationHandler<TRequest, TResponse>
    {
        soap.Map<TRequest, TResponse, THandler>(HubOperations.ActionsOf(SoapBodySerializer.RootOf(typeof(TRequest)).Name));
    }
}

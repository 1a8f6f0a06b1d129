namespace Hub.Service.Setup;

/// <summary>What a newcomer needs after the first run: where the certificates are and a curl command that delivers a sample envelope.</summary>
internal static class FirstRunNotice
{
    public static void Print(HubOptions options, string? urls)
    {
        var certs = options.DataPath("certs");
        var baseUrl = (urls ?? "https://localhost:8443").Split(';')[0].TrimEnd('/');
        var sample = Path.Combine(AppContext.BaseDirectory, "samples", "DeliverEnvelope-NL-to-KE.xml");
        Console.WriteLine($"""

            Development setup created (first run) in {options.DataPath(".")}
              server certificate:  {certs}/server.crt.pem (self-signed, localhost)
              client certificates: {certs}/nl|ke|us.pfx (password {DevelopmentSetup.PfxPassword}), .crt.pem and .key.pem
              signing certificates: {certs}/nl|ke|us-signing.pfx (sign documents: dotnet run --project Hub.Service -- sign --help)
              participants:        {options.DataPath(options.ParticipantsFile)}
            WSDL: {baseUrl}/hub/DeliveryService?wsdl (send a client certificate)
            Deliver a sample envelope from NL to KE:
              curl --cacert {certs}/server.crt.pem --cert {certs}/nl.crt.pem --key {certs}/nl.key.pem \
                -H 'Content-Type: text/xml; charset=utf-8' -H 'SOAPAction: "http://ephyto.ippc.int/IDeliveryService/DeliverEnvelope"' \
                --data-binary @{sample} {baseUrl}/hub/DeliveryService

            """);
    }
}

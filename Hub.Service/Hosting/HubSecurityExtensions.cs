using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Hub.Service.Setup;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Hub.Service.Hosting;

/// <summary>
/// Mutual TLS on every HTTPS endpoint: Kestrel requires a client certificate; any certificate is let through the
/// handshake (self-signed allowed) because the hub pins participants' certificates itself, by SHA-256 thumbprint.
/// </summary>
public static class HubSecurityExtensions
{
    public static WebApplicationBuilder AddHubSecurity(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(HubOptions.Section).Get<HubOptions>() ?? new HubOptions();
        var certificatePath = options.ServerCertificatePath;
        var password = options.ServerCertificatePassword;
        if (string.IsNullOrEmpty(certificatePath))
        {
            if (DevelopmentSetup.EnsureCreated(options))
                FirstRunNotice.Print(options, builder.Configuration["urls"]);
            certificatePath = options.DataPath("certs/server.pfx");
            password = DevelopmentSetup.PfxPassword;
        }
        var serverCertificate = X509CertificateLoader.LoadPkcs12FromFile(certificatePath, password);
        var maxBody = builder.Configuration.GetValue<long?>("Hub:Soap:MaxRequestBytes") ?? 10 * 1024 * 1024;

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Kestrel's own bound sits above the SOAP limit so that the SOAP layer answers an oversize body with a fault.
            kestrel.Limits.MaxRequestBodySize = maxBody + 64 * 1024;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
            kestrel.Limits.MinRequestBodyDataRate = new(bytesPerSecond: 1024, gracePeriod: TimeSpan.FromSeconds(10));
            kestrel.ConfigureHttpsDefaults(https =>
            {
                https.ServerCertificate = serverCertificate;
                https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
                https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                https.ClientCertificateValidation = (_, _, _) => true;
                https.HandshakeTimeout = TimeSpan.FromSeconds(10);
            });
        });
        return builder;
    }
}

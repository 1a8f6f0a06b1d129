using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Hub.Service.Setup;
using Hub.Service.Soap;
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
        var soap = builder.Configuration.GetSection(HubSoapExtensions.SoapSection).Get<SoapEndpointOptions>() ?? new SoapEndpointOptions();
        RequireHttpsOnly(builder.Configuration["urls"]);

        var certificatePath = options.ServerCertificatePath;
        var password = options.ServerCertificatePassword;
        if (string.IsNullOrEmpty(certificatePath))
        {
            if (!builder.Environment.IsDevelopment())
                throw new InvalidOperationException(
                    "No server certificate: set Hub:ServerCertificatePath (a PFX) and Hub:ServerCertificatePassword, " +
                    "or run in the Development environment (ASPNETCORE_ENVIRONMENT=Development) to use a generated development setup.");
            if (DevelopmentSetup.EnsureCreated(options))
                FirstRunNotice.Print(options, builder.Configuration["urls"]);
            certificatePath = options.DataPath("certs/server.pfx");
            password = DevelopmentSetup.PfxPassword;
        }
        var serverCertificate = X509CertificateLoader.LoadPkcs12FromFile(certificatePath, password);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Kestrel's own bound sits above the SOAP limit so that the SOAP layer answers an oversize body with a fault.
            kestrel.Limits.MaxRequestBodySize = soap.MaxRequestBytes + 64 * 1024;
            kestrel.Limits.MaxConcurrentConnections = options.MaxConnections;
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

    /// <summary>
    /// Every address must be https: client certificates are the hub's only authentication, and a plain-HTTP endpoint
    /// would serve the WSDL and read requests without one.
    /// </summary>
    private static void RequireHttpsOnly(string? urls)
    {
        var plain = (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(u => !u.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (plain.Count > 0)
            throw new InvalidOperationException(
                $"The hub listens only on https addresses (mutual TLS is its authentication); refused: {string.Join(", ", plain)}.");
    }

    /// <summary>Refuses, before routing, any request that arrived without TLS or without a client certificate.</summary>
    public static IApplicationBuilder UseHubClientCertificates(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (!http.Request.IsHttps || http.Connection.ClientCertificate is null)
            {
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                await http.Response.WriteAsync("A client certificate over HTTPS is required.\n");
                return;
            }
            await next(http);
        });
}

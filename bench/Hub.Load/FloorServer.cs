using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;

namespace Hub.Load;

/// <summary>
/// The HTTP floor: bare Kestrel on the hub's TLS settings (TLS 1.2/1.3, client certificate required, any certificate
/// accepted, the development server certificate) answering every request with a fixed 300-byte text/xml reply.
/// </summary>
internal static class FloorServer
{
    public static readonly byte[] Reply = MakeReply();

    public static async Task<int> RunAsync(int port, string certificateDirectory)
    {
        var serverCertificate = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(certificateDirectory, "server.pfx"), Driver.PfxPassword);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 10 * 1024 * 1024 + 64 * 1024;
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(https =>
            {
                https.ServerCertificate = serverCertificate;
                https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
                https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                https.AllowAnyClientCertificate();
            }));
        });
        var app = builder.Build();
        app.Run(async context =>
        {
            // Read the body as a server must, then the fixed reply.
            var buffer = new byte[16 * 1024];
            while (await context.Request.Body.ReadAsync(buffer, context.RequestAborted) > 0) { }
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "text/xml; charset=utf-8";
            context.Response.ContentLength = Reply.Length;
            await context.Response.Body.WriteAsync(Reply, context.RequestAborted);
        });
        await app.RunAsync();
        return 0;
    }

    private static byte[] MakeReply()
    {
        const string head = "<?xml version=\"1.0\" encoding=\"utf-8\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><FloorResponse xmlns=\"http://ephyto.ippc.int/\">";
        const string tail = "</FloorResponse></s:Body></s:Envelope>";
        return System.Text.Encoding.UTF8.GetBytes(head + new string('x', 300 - head.Length - tail.Length) + tail);
    }
}

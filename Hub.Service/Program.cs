using Hub.Service.Hosting;
using Hub.Service.Tools;
using NLog.Web;

if (args is ["sign", .. var signArgs]) return SignCommand.Run(signArgs, Console.Out, Console.Error);

var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
builder.Host.UseNLog();

builder.AddHubSecurity();
builder.Services.AddHubOptions(builder.Configuration);
builder.Services.AddHubSoap(builder.Configuration);
builder.Services.AddHubData();

var app = builder.Build();
await app.Services.InitializeHubStoreAsync();
app.UseHubClientCertificates();
app.MapHubEndpoints();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to tests that host the hub in-process.</summary>
public partial class Program;

using Hub.Service.Hosting;
using NLog.Web;

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

/// <summary>The entry point, visible to tests that host the hub in-process.</summary>
public partial class Program;

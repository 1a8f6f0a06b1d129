using Hub.Data;
using Hub.Data.Sqlite;
using Hub.Service.Setup;
using Microsoft.Extensions.Options;

namespace Hub.Service.Hosting;

/// <summary>The store: one SQLite connection factory, migrated and seeded from the participants file at startup.</summary>
public static class HubDataExtensions
{
    /// <summary>The hub's settings (section Hub), bound once for every part that needs them.</summary>
    public static IServiceCollection AddHubOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HubOptions>().Bind(configuration.GetSection(HubOptions.Section));
        return services;
    }

    public static IServiceCollection AddHubData(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<HubOptions>>().Value;
            Directory.CreateDirectory(options.DataPath("."));
            return SqliteConnectionFactory.ForFile(options.DataPath(options.Database));
        });
        services.AddSingleton<IEnvelopeStore, SqliteEnvelopeStore>(sp => new SqliteEnvelopeStore(sp.GetRequiredService<SqliteConnectionFactory>()));
        services.AddSingleton<IParticipantStore, SqliteParticipantStore>(sp => new SqliteParticipantStore(sp.GetRequiredService<SqliteConnectionFactory>()));
        return services;
    }

    /// <summary>
    /// Applies the migrations, then loads the participants file when there is one. The file is authoritative: a
    /// participant removed from it is deactivated and its certificates are unregistered.
    /// </summary>
    public static async Task InitializeHubStoreAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var options = services.GetRequiredService<IOptions<HubOptions>>().Value;
        await new SqliteMigrator(services.GetRequiredService<SqliteConnectionFactory>()).MigrateAsync(cancellationToken);
        var file = options.DataPath(options.ParticipantsFile);
        if (File.Exists(file))
        {
            var participants = await ParticipantsFile.ReadAsync(file, cancellationToken);
            await services.GetRequiredService<IParticipantStore>().ReplaceAllAsync(participants, cancellationToken);
        }
    }
}

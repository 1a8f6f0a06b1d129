using Dapper;
using Hub.Data.Sqlite;
using Microsoft.Data.Sqlite;
using NUnit.Framework;

namespace Hub.Tests.Data.Sqlite;

[TestFixture]
public sealed class SqliteConnectionFactoryTests
{
    private string _directory = "";

    [SetUp]
    public void CreateFolder() =>
        _directory = Path.Combine(Path.GetTempPath(), "hub-data-tests", Guid.NewGuid().ToString("N"));

    [TearDown]
    public void DeleteFolder()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Test]
    public async Task Open_AppliesWalFullSyncForeignKeysAndBusyTimeout()
    {
        var factory = SqliteConnectionFactory.ForFile(Path.Combine(_directory, "nested", "hub.db"));

        await using var connection = await factory.OpenAsync(CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode;"), Is.EqualTo("wal"));
            Assert.That(await connection.ExecuteScalarAsync<long>("PRAGMA synchronous;"), Is.EqualTo(2), "2 = FULL");
            Assert.That(await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys;"), Is.EqualTo(1));
            Assert.That(await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout;"), Is.EqualTo(5000));
            Assert.That(File.Exists(Path.Combine(_directory, "nested", "hub.db")), Is.True, "the folder is created");
        }
    }

    [Test]
    public async Task Open_ForcesPoolingAndPrivateCacheWhateverTheConnectionStringSays()
    {
        var factory = new SqliteConnectionFactory(
            $"Data Source={Path.Combine(_directory, "hub.db")};Cache=Shared;Pooling=False;Mode=ReadOnly");
        Directory.CreateDirectory(_directory);

        await using var connection = await factory.OpenAsync(CancellationToken.None);
        var options = new SqliteConnectionStringBuilder(connection.ConnectionString);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(options.Cache, Is.EqualTo(SqliteCacheMode.Default));
            Assert.That(options.Pooling, Is.True);
            Assert.That(options.Mode, Is.EqualTo(SqliteOpenMode.ReadWriteCreate));
        }
    }

    [TestCase("Data Source=:memory:")]
    [TestCase("Data Source=hub;Mode=Memory")]
    [TestCase("Data Source=")]
    public void Constructor_RefusesDatabasesThatAreNotFiles(string connectionString)
    {
        Assert.Throws<ArgumentException>(() => _ = new SqliteConnectionFactory(connectionString));
    }
}

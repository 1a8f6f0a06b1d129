using NUnit.Framework;

namespace Hub.Tests.Data;

// One sealed fixture per provider; the contract tests live in the generic base classes.
// SQLite-only tests of the envelope store are in Sqlite/SqliteEnvelopeStoreTests.cs.

[TestFixture]
public sealed class SqliteParticipantStoreTests : ParticipantStoreTests<SqliteStoreTestProvider>;

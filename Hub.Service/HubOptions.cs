namespace Hub.Service;

/// <summary>The hub's settings (configuration section <c>Hub</c>); defaults suit a development machine.</summary>
public sealed class HubOptions
{
    public const string Section = "Hub";

    /// <summary>Folder for the database, the participants file and the development certificates (default ./hub-data).</summary>
    public string DataDirectory { get; set; } = "hub-data";

    /// <summary>The SQLite database file; relative paths are under DataDirectory (default hub.db).</summary>
    public string Database { get; set; } = "hub.db";

    /// <summary>Participants to seed on every start (JSON); relative to DataDirectory (default participants.json).</summary>
    public string ParticipantsFile { get; set; } = "participants.json";

    /// <summary>
    /// The server's TLS certificate (PFX). When empty, the hub uses DataDirectory/certs/server.pfx and, on first
    /// run, creates it with sample participants' client certificates (a development setup).
    /// </summary>
    public string ServerCertificatePath { get; set; } = "";

    public string ServerCertificatePassword { get; set; } = "";

    /// <summary>Most connections open at once (default 1000); more wait in the operating system's queue.</summary>
    public long MaxConnections { get; set; } = 1000;

    /// <summary>Most envelopes (with Content) that PULLImportEnvelope returns in one call (default 50).</summary>
    public int MaxEnvelopesPerPull { get; set; } = 50;

    /// <summary>
    /// Most Content characters that one PULLImportEnvelope returns (default 16 Mi); at least one envelope is always
    /// returned, the rest wait for the next pull.
    /// </summary>
    public long MaxPullResponseChars { get; set; } = 16 * 1024 * 1024;

    /// <summary>Most headers that GetImportEnvelopeHeaders and GetUnderDeliveryEnvelope return in one call (default 1000).</summary>
    public int MaxHeadersPerList { get; set; } = 1000;

    /// <summary>Longest NPPOCertificateNumber accepted (default 200 characters).</summary>
    public int MaxCertificateNumberLength { get; set; } = 200;

    public string DataPath(string path) => Path.GetFullPath(Path.Combine(DataDirectory, path));
}

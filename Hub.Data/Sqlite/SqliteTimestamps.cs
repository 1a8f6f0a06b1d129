using System.Globalization;

namespace Hub.Data.Sqlite;

/// <summary>Timestamps are stored as ISO-8601 UTC text with 100 ns precision and read back with Kind = Utc.</summary>
internal static class SqliteTimestamps
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string ToText(DateTimeOffset value) =>
        value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static DateTime FromText(string value) =>
        DateTime.ParseExact(value, Format, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    public static DateTime? FromNullableText(string? value) => value is null ? null : FromText(value);
}
